// Baseline (c): the least a proxy can do. node:http in, one undici request out to the same path, the body
// streamed back. Its CPU per request is the floor the gateway's CPU is compared with for a one-call query.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Pool } from 'undici';
import { answerParent, announceReady } from './child-ipc.js';

const upstream = process.env.BENCH_SIMULATOR_URL;
if (!upstream) throw new Error('BENCH_SIMULATOR_URL is required');
const pool = new Pool(upstream, { connections: 32 });

const server = createServer((req, res) => {
  pool
    .request({ method: 'GET', path: req.url ?? '/', headers: { authorization: req.headers.authorization ?? '' } })
    .then(async (answer) => {
      res.writeHead(answer.statusCode, {
        'content-type': String(answer.headers['content-type'] ?? 'application/json'),
      });
      await pipeline(answer.body, res);
    })
    .catch(() => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
});
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

answerParent({
  close: async () => {
    server.closeAllConnections();
    await pool.close();
    setImmediate(() => process.exit(0));
  },
});
announceReady({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
