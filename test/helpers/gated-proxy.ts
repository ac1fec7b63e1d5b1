// A pass-through HTTP proxy that can hold one upstream answer: the request is forwarded and answered by the
// upstream, then kept from the gateway until the test releases it. Makes a race deterministic (no sleeps): "the
// read has its pre-mutation answer" and "the read goes on" are events the test controls.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldAnswer {
  /** Settles once the upstream has answered a matching request (the answer is then held). */
  answered: Promise<void>;
  /** Sends the held answer on to the gateway. */
  release(): void;
}

export interface GatedProxy {
  url: string;
  /** Holds the first upstream answer for which `matches(request URL, answer body)` holds; one-shot. */
  holdNext(matches: (url: URL, body: string) => boolean): HeldAnswer;
  close(): Promise<void>;
}

interface Gate {
  matches(url: URL, body: string): boolean;
  answered(): void;
  released: Promise<void>;
}

export async function startGatedProxy(target: string): Promise<GatedProxy> {
  const upstream = new URL(target);
  let gate: Gate | undefined;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', upstream);
    const headers = { ...req.headers, host: upstream.host };
    const forwarded = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          const send = () => {
            const headers: IncomingHttpHeaders = { ...answer.headers, 'content-length': String(body.length) };
            delete headers['transfer-encoding'];
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(body);
          };
          const held = gate;
          if (held && held.matches(url, body.toString('utf8'))) {
            gate = undefined;
            held.answered();
            void held.released.then(send);
          } else {
            send();
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
    holdNext(matches) {
      let answered!: () => void;
      let release!: () => void;
      const answeredPromise = new Promise<void>((resolve) => (answered = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      gate = { matches, answered, released };
      return { answered: answeredPromise, release };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
