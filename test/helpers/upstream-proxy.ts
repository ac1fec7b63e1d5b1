// One HTTP proxy in front of the simulator for tests that need to see or disturb what crosses the wire: it records
// every request, can publish the upstream under a path prefix (as a reverse proxy in front of EPMM does), rewrite
// answers, hold a request before it is forwarded or an answer after the upstream gave it (races made
// deterministic, without sleeps), and lose an answer after the upstream acted (reset, cut body, truncated JSON).
// Faults and holds are one-shot and match `METHOD /path` (the path without the prefix and the query).
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type AnswerFault =
  /** Forwarded and answered upstream; the gateway's connection is then reset before any byte of the answer. */
  | 'reset-after-forward'
  /** Forwarded; the gateway gets the status and headers, then half of the body and a reset. */
  | 'cut-body'
  /** Forwarded; the gateway gets a complete 200 whose JSON is cut in half (the length matches what is sent). */
  | 'truncated-json';

export interface UpstreamProxyOptions {
  /** Publish the upstream under this prefix (`/company`): anything outside it is 404 and never forwarded. */
  prefix?: string;
  /** Rewrites a 200 answer's body (e.g. to make records vary); return it unchanged to leave it. */
  rewrite?(url: URL, body: string): string;
}

export interface Held {
  /** Settles when the request is held (before forwarding) or the upstream's answer is (after). */
  reached: Promise<void>;
  /** Lets it go on. */
  release(): void;
}

export interface UpstreamProxy {
  url: string;
  /** Every request received (prefix included), as URLs on the upstream's origin; `method` beside it. */
  requests(): Array<{ method: string; url: URL }>;
  clear(): void;
  /** The next request matching `METHOD /path` meets `fault`. */
  failNext(route: string, fault: AnswerFault): void;
  /** Holds the next request matching `METHOD /path` before forwarding it (everything before sending has happened). */
  holdRequest(route: string): Held;
  /** Holds the first upstream answer for which `matches(url, body)` holds, after the upstream gave it. */
  holdAnswer(matches: (url: URL, body: string) => boolean): Held;
  /** Requests that reached the upstream through the proxy, by `METHOD /path`. */
  forwarded(route: string): number;
  close(): Promise<void>;
}

interface Gate<T> {
  matches: T;
  reach(): void;
  released: Promise<void>;
}

function gate<T>(matches: T): { gate: Gate<T>; held: Held } {
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return { gate: { matches, reach, released }, held: { reached, release } };
}

export async function startUpstreamProxy(target: string, options: UpstreamProxyOptions = {}): Promise<UpstreamProxy> {
  const upstream = new URL(target);
  const prefix = options.prefix ?? '';
  const seen: Array<{ method: string; url: URL }> = [];
  const faults = new Map<string, AnswerFault>();
  const requestHolds = new Map<string, Gate<string>>();
  let answerHold: Gate<(url: URL, body: string) => boolean> | undefined;
  const counts = new Map<string, number>();

  const server: Server = createServer(async (req, res) => {
    const received = req.url ?? '/';
    const method = req.method ?? 'GET';
    seen.push({ method, url: new URL(received, upstream) });
    if (prefix && !received.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`not published: ${received}`);
      return;
    }
    const path = received.slice(prefix.length);
    const url = new URL(path, upstream);
    const route = `${method} ${url.pathname}`;
    const fault = faults.get(route);
    faults.delete(route);
    const requestHold = requestHolds.get(route);
    requestHolds.delete(route);
    if (requestHold) {
      req.pause();
      requestHold.reach();
      await requestHold.released;
    }
    const headers = { ...req.headers, host: upstream.host, 'accept-encoding': 'identity' };
    const forwarded = httpRequest({ host: upstream.hostname, port: upstream.port, method, path, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        counts.set(route, (counts.get(route) ?? 0) + 1);
        let body = Buffer.concat(chunks);
        if (options.rewrite && answer.statusCode === 200)
          body = Buffer.from(options.rewrite(url, body.toString('utf8')));
        const socket = req.socket as Socket;
        const send = () => {
          const sent: IncomingHttpHeaders = { ...answer.headers, 'content-length': String(body.length) };
          delete sent['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, sent);
          res.end(body);
        };
        if (fault === 'reset-after-forward') return void socket.resetAndDestroy();
        if (fault === 'cut-body') {
          res.writeHead(answer.statusCode ?? 502, {
            'content-type': 'application/json',
            'content-length': String(body.length),
          });
          return void res.write(body.subarray(0, Math.floor(body.length / 2)), () => socket.resetAndDestroy());
        }
        if (fault === 'truncated-json') {
          const half = body.subarray(0, Math.floor(body.length / 2));
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(half.length) });
          return void res.end(half);
        }
        const held = answerHold;
        if (held && held.matches(url, body.toString('utf8'))) {
          answerHold = undefined;
          held.reach();
          void held.released.then(send);
          return;
        }
        send();
      });
    });
    forwarded.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => [...seen],
    clear: () => {
      seen.length = 0;
    },
    failNext: (route, fault) => faults.set(route, fault),
    holdRequest(route) {
      const { gate: g, held } = gate(route);
      requestHolds.set(route, g);
      return held;
    },
    holdAnswer(matches) {
      const { gate: g, held } = gate(matches);
      answerHold = g;
      return held;
    },
    forwarded: (route) => counts.get(route) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
