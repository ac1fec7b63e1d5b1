// Throughput at concurrency 32 with autocannon, for the single-request targets (gateway, raw proxy). Its
// latencies are whole milliseconds, so the latency rows come from bench/load-driver.ts instead.
import autocannon from 'autocannon';

export interface ThroughputResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

export async function throughput(options: {
  url: string;
  connections: number;
  seconds: number;
  authorization: string;
  request: (index: number) => { method: 'GET' | 'POST'; path?: string; body?: string };
}): Promise<ThroughputResult> {
  let index = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: { authorization: options.authorization, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          const next = options.request(index++);
          return {
            ...request,
            method: next.method,
            ...(next.path ? { path: next.path } : {}),
            ...(next.body ? { body: next.body } : {}),
          };
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
