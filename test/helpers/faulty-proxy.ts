// A proxy in front of the simulator that can lose an answer after the request reached it: the upstream acts,
// and the gateway sees a reset connection or a cut-off body. Faults apply to one route and run once each.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type AnswerFault =
  /** Forwarded and answered upstream; the gateway's connection is then reset before any byte of the answer. */
  | 'reset-after-forward'
  /** Forwarded; the gateway gets the status and headers, then half of the body and a reset. */
  | 'cut-body'
  /** Forwarded; the gateway gets a complete 200 whose JSON is cut in half (the length matches what is sent). */
  | 'truncated-json';

export interface FaultyProxy {
  url: string;
  /** The next request matching `METHOD /path` (path without the query) meets `fault`. */
  failNext(route: string, fault: AnswerFault): void;
  /**
   * Holds the next request matching the route before forwarding it: `arrived` settles when it is held (so
   * everything the gateway does before sending has happened), `release` forwards it.
   */
  holdNext(route: string): { arrived: Promise<void>; release(): void };
  /** Requests that reached the upstream through the proxy, by `METHOD /path`. */
  forwarded(route: string): number;
  close(): Promise<void>;
}

export async function startFaultyProxy(target: string): Promise<FaultyProxy> {
  const upstream = new URL(target);
  const pending = new Map<string, AnswerFault>();
  const counts = new Map<string, number>();
  const holds = new Map<string, { arrive(): void; released: Promise<void> }>();
  const server: Server = createServer(async (req, res) => {
    const route = `${req.method} ${new URL(req.url ?? '/', upstream).pathname}`;
    const fault = pending.get(route);
    pending.delete(route);
    const hold = holds.get(route);
    holds.delete(route);
    if (hold) {
      req.pause();
      hold.arrive();
      await hold.released;
    }
    const forwarded = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          counts.set(route, (counts.get(route) ?? 0) + 1);
          const body = Buffer.concat(chunks);
          const socket = req.socket as Socket;
          if (fault === 'reset-after-forward') {
            socket.resetAndDestroy();
          } else if (fault === 'cut-body') {
            res.writeHead(answer.statusCode ?? 502, { 'content-type': 'application/json', 'content-length': String(body.length) });
            res.write(body.subarray(0, Math.floor(body.length / 2)), () => socket.resetAndDestroy());
          } else if (fault === 'truncated-json') {
            const half = body.subarray(0, Math.floor(body.length / 2));
            res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(half.length) });
            res.end(half);
          } else {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(body);
          }
        });
      },
    );
    forwarded.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    failNext: (route, fault) => pending.set(route, fault),
    holdNext(route) {
      let arrive!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.set(route, { arrive, released });
      return { arrived, release };
    },
    forwarded: (route) => counts.get(route) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
