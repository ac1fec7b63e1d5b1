// The IPC protocol between `bench/run.ts` and the processes it starts (simulator, gateway, raw proxy): the
// parent asks, the child answers with the same `id`. Every child answers `usage` (its own CPU and memory).
export interface BenchRequest {
  id: number;
  type: string;
  body?: unknown;
}

export interface ChildUsage {
  /** process.cpuUsage() of the child, microseconds. */
  cpuMicros: number;
  rssBytes: number;
}

type Handler = (body: unknown) => unknown;

/** Answers the parent's requests in a child process; `handlers` add to the built-in `usage`. */
export function answerParent(handlers: Record<string, Handler>): void {
  process.on('message', (message: BenchRequest) => {
    void (async () => {
      try {
        const handler = message.type === 'usage' ? usage : handlers[message.type];
        if (!handler) throw new Error(`unknown request ${message.type}`);
        const result = await handler(message.body);
        process.send?.({ id: message.id, ok: true, result });
      } catch (error) {
        process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  // The parent going away ends the child, so an interrupted run leaves nothing behind.
  process.on('disconnect', () => process.exit(0));
}

function usage(): ChildUsage {
  const cpu = process.cpuUsage();
  return { cpuMicros: cpu.user + cpu.system, rssBytes: process.memoryUsage().rss };
}

export function announceReady(result: unknown): void {
  process.send?.({ id: 0, ok: true, result });
}
