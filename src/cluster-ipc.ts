// Requests and answers between the cluster primary and its workers (WORKERS > 1) over node:cluster's IPC channel:
// a worker asks the primary for state that must be one for all workers (idempotency keys, the metrics sum), and
// the primary asks each worker for its share (its metrics). Every request carries an id and waits a bounded time,
// so a primary that is gone or stuck fails the request instead of hanging it (docs/decisions.md "Idempotency
// keys across workers"). Messages are JSON (the channel's default serialisation): payloads are plain data.
import cluster, { type Worker } from 'node:cluster';

/** Marks this module's messages apart from node:cluster's own and from prom-client's. */
const TAG = 'mdmgraph:ipc';

type Message =
  | { [TAG]: 'request'; id: number; kind: string; payload: unknown }
  | { [TAG]: 'answer'; id: number; ok: true; value: unknown }
  | { [TAG]: 'answer'; id: number; ok: false; error: string };

/** Answers one kind of request; `from` is the asking worker (on the primary) or undefined (on a worker). */
export type IpcHandler = (payload: unknown, from: Worker | undefined) => unknown;

/** The request reached no answer: the other end is gone, did not answer in time, or its handler failed. */
export class IpcError extends Error {}

interface Waiting {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** One end of a channel: its own requests awaiting answers, and the handlers that answer the other end's. */
export class IpcPeer {
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting>();
  private closed: string | undefined;

  constructor(
    private readonly send: (message: Message) => Promise<void>,
    private readonly handlers: ReadonlyMap<string, IpcHandler>,
    private readonly from?: Worker,
  ) {}

  request(kind: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    if (this.closed) return Promise.reject(new IpcError(this.closed));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const late = new IpcError(`no answer to '${kind}' within ${timeoutMs} ms`);
      const timer = setTimeout(() => this.settle(id, late), timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
      this.send({ [TAG]: 'request', id, kind, payload }).catch((error: unknown) => {
        this.settle(id, new IpcError(`'${kind}' not sent: ${messageOf(error)}`));
      });
    });
  }

  /** Takes one incoming message; false when it is not this module's (the caller ignores it). */
  receive(message: unknown): boolean {
    if (!isMessage(message)) return false;
    if (message[TAG] === 'answer') {
      if (message.ok) this.settle(message.id, undefined, message.value);
      else this.settle(message.id, new IpcError(message.error));
      return true;
    }
    const { id, kind, payload } = message;
    const handler = this.handlers.get(kind);
    const answer = async (): Promise<Message> => {
      if (!handler) return { [TAG]: 'answer', id, ok: false, error: `nothing answers '${kind}' here` };
      try {
        return { [TAG]: 'answer', id, ok: true, value: await handler(payload, this.from) };
      } catch (error) {
        return { [TAG]: 'answer', id, ok: false, error: messageOf(error) };
      }
    };
    // An answer that cannot be sent (the asker is gone) has nobody to tell; the asker's own timeout covers it.
    void answer().then((reply) => this.send(reply).catch(() => undefined));
    return true;
  }

  /** The other end is gone: every waiting request fails now rather than at its timeout. */
  close(reason: string): void {
    this.closed = reason;
    for (const id of [...this.waiting.keys()]) this.settle(id, new IpcError(reason));
  }

  private settle(id: number, error: Error | undefined, value?: unknown): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    if (error) waiting.reject(error);
    else waiting.resolve(value);
  }
}

// ---- in a worker: the channel to the primary ----

const workerHandlers = new Map<string, IpcHandler>();
let toPrimary: IpcPeer | undefined;

function primaryPeer(): IpcPeer {
  if (toPrimary) return toPrimary;
  const send = (message: Message) =>
    new Promise<void>((resolve, reject) => {
      if (!process.send || !process.connected) return reject(new Error('no IPC channel to the primary'));
      process.send(message, undefined, {}, (error: Error | null) => (error ? reject(error) : resolve()));
    });
  const peer = new IpcPeer(send, workerHandlers);
  process.on('message', (message: unknown) => peer.receive(message));
  process.once('disconnect', () => peer.close('the cluster primary is gone'));
  toPrimary = peer;
  return peer;
}

/** From a worker: asks the primary. Rejects with IpcError when the primary does not answer in time. */
export function requestPrimary(kind: string, payload: unknown, timeoutMs: number): Promise<unknown> {
  return primaryPeer().request(kind, payload, timeoutMs);
}

/** In a worker: answers the primary's requests of one kind. */
export function answerPrimary(kind: string, handler: (payload: unknown) => unknown): void {
  workerHandlers.set(kind, handler);
  primaryPeer();
}

// ---- in the primary: a channel per worker ----

const primaryHandlers = new Map<string, IpcHandler>();
const workerPeers = new Map<Worker, IpcPeer>();
let primaryListening = false;

function workerPeer(worker: Worker): IpcPeer {
  let peer = workerPeers.get(worker);
  if (!peer) {
    const send = (message: Message) =>
      new Promise<void>((resolve, reject) => {
        if (!worker.isConnected()) return reject(new Error(`worker ${worker.process.pid} is not connected`));
        worker.send(message, undefined, {}, (error: Error | null) => (error ? reject(error) : resolve()));
      });
    peer = new IpcPeer(send, primaryHandlers, worker);
    workerPeers.set(worker, peer);
  }
  return peer;
}

function listenToWorkers(): void {
  if (primaryListening) return;
  primaryListening = true;
  cluster.on('message', (worker: Worker, message: unknown) => workerPeer(worker).receive(message));
  cluster.on('exit', (worker: Worker) => {
    workerPeers.get(worker)?.close(`worker ${worker.process.pid} exited`);
    workerPeers.delete(worker);
  });
}

/** In the primary: answers the workers' requests of one kind. */
export function answerWorkers(kind: string, handler: IpcHandler): void {
  primaryHandlers.set(kind, handler);
  listenToWorkers();
}

/** From the primary: asks one worker. Rejects with IpcError when it does not answer in time. */
export function requestWorker(worker: Worker, kind: string, payload: unknown, timeoutMs: number): Promise<unknown> {
  listenToWorkers();
  return workerPeer(worker).request(kind, payload, timeoutMs);
}

function isMessage(message: unknown): message is Message {
  if (typeof message !== 'object' || message === null) return false;
  const { [TAG]: tag, id } = message as { [TAG]?: unknown; id?: unknown };
  return (tag === 'request' || tag === 'answer') && typeof id === 'number';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
