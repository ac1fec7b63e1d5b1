import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/server.js';
import { startSimulator } from '../../src/simulator/server.js';

describe('tracing', () => {
  it('records one span per operation and one child span per upstream call, none per resolver', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const simulator = await startSimulator({ devices: 20 });
    const gateway = createGateway(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), simulator.url, {
      tracer: provider.getTracer('test'),
    });
    try {
      await gateway.yoga.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basicAuthorization('miadmin', 'miadmin') },
        body: JSON.stringify({
          query: 'query Fleet { devices(first: 5, source: EPMM) { nodes { uuid model user { displayName } } } }',
        }),
      });
      const spans = exporter.getFinishedSpans();
      const operation = spans.find((span) => span.name === 'graphql.query Fleet')!;
      expect(operation).toBeDefined();
      const children = spans.filter((span) => span.parentSpanContext?.spanId === operation.spanContext().spanId);
      expect(children.map((span) => span.name).sort()).toEqual([
        'upstream GET /api/v2/device_spaces/mine',
        'upstream GET /api/v2/devices',
      ]);
      expect(spans).toHaveLength(3);
    } finally {
      await gateway.close();
      await simulator.close();
    }
  });
});
