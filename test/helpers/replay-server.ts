// A tiny HTTP server that answers every request with a fixed body: lets contract tests put recorded and
// documented responses through the real upstream client (undici, validation, error mapping).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReplayServer {
  url: string;
  respond(status: number, body: string | Buffer): void;
  lastPath(): string | undefined;
  close(): Promise<void>;
}

export async function startReplayServer(): Promise<ReplayServer> {
  let next: { status: number; body: string | Buffer } = { status: 200, body: '{}' };
  let last: string | undefined;
  const server: Server = createServer((req, res) => {
    last = req.url;
    res.writeHead(next.status, { 'content-type': 'application/json' });
    res.end(next.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    respond(status, body) {
      next = { status, body };
    },
    lastPath: () => last,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
