// OpenTelemetry tracing: one span per GraphQL operation and one child span per upstream call, never per
// resolver (per-resolver spans cost 4-8x throughput). Exported over OTLP/HTTP when
// OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise spans are not recorded at all.
// The SDK and the OTLP exporter are imported only when an endpoint is set (they are most of tracing's start-up
// cost): the tracer handed out at once is a proxy that records through the SDK's provider once `ready` settles,
// and the gateway serves only after that (src/server.ts, `ready`).
import type { Tracer, TracerProvider } from '@opentelemetry/api';
import { ProxyTracerProvider, trace } from '@opentelemetry/api';

export interface Tracing {
  tracer: Tracer;
  /** Settles when spans are exported (the SDK is loaded); rejects when it cannot be loaded. */
  ready: Promise<void>;
  shutdown(): Promise<void>;
}

export function createTracing(otlpEndpoint: string | undefined): Tracing {
  if (!otlpEndpoint)
    return { tracer: trace.getTracer('mdmgraph'), ready: Promise.resolve(), shutdown: async () => undefined };
  const proxy = new ProxyTracerProvider();
  const provider = otlpProvider(otlpEndpoint).then((loaded) => {
    proxy.setDelegate(loaded);
    return loaded;
  });
  return {
    tracer: proxy.getTracer('mdmgraph'),
    ready: provider.then(() => undefined),
    shutdown: async () => (await provider).shutdown(),
  };
}

async function otlpProvider(otlpEndpoint: string): Promise<TracerProvider & { shutdown(): Promise<void> }> {
  const [{ OTLPTraceExporter }, { BasicTracerProvider, BatchSpanProcessor }] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/sdk-trace-base'),
  ]);
  return new BasicTracerProvider({
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/+$/, '')}/v1/traces` })),
    ],
  });
}
