// Subscriptions over Server-Sent Events with an `id:` line on every event, so that a client that reconnects sends
// Last-Event-ID and resumes where it stopped (docs/subscriptions.md). yoga's own SSE writer sends no ids and has no
// hook for one, so this plugin replaces it for streamed results only, writing the same frames (`event: next`,
// `event: complete`, comment pings) plus the id of each event (src/subscriptions/event-stream.ts).
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { currentEventId } from '../subscriptions/event-stream.js';

/** Keeps proxies from closing an idle stream; yoga's interval. */
const PING_MS = 12_000;

export function useSubscriptionEventIds(): Plugin {
  return {
    onResultProcess({ request, result, setResultProcessor }) {
      if (!isStream(result) || !acceptsEventStream(request)) return;
      setResultProcessor(
        (streamed, fetchAPI) => sseResponse(streamed, fetchAPI, () => currentEventId(request)),
        'text/event-stream',
      );
    },
  };
}

function isStream(result: unknown): result is AsyncIterable<ExecutionResult> {
  return typeof (result as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === 'function';
}

function acceptsEventStream(request: Request): boolean {
  return (request.headers.get('accept') ?? '').toLowerCase().includes('text/event-stream');
}

/** SSE forbids line breaks in an id; the gateway's ids never hold one, a foreign one is dropped rather than split. */
function idLine(id: string | undefined): string {
  return id && !/[\r\n\0]/.test(id) ? `id: ${id}\n` : '';
}

/** As yoga's writer does: an error's `http` and `unexpected` extensions steer the server, they are not for clients. */
function withoutInternals(result: ExecutionResult): unknown {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const { http: _http, unexpected: _unexpected, ...extensions } = error.toJSON().extensions ?? {};
    return { ...error.toJSON(), extensions: Object.keys(extensions).length ? extensions : undefined };
  });
  return { ...result, errors };
}

function sseResponse(
  result: unknown,
  fetchAPI: { ReadableStream: typeof ReadableStream; Response: typeof Response; TextEncoder: typeof TextEncoder },
  eventId: () => string | undefined,
): Response {
  const iterator = (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
  const encoder = new fetchAPI.TextEncoder();
  let ping: ReturnType<typeof setInterval> | undefined;
  const stream = new fetchAPI.ReadableStream<Uint8Array>({
    start(controller) {
      // A first comment flushes the headers: some browsers wait for a body byte before reporting the response.
      controller.enqueue(encoder.encode(':\n\n'));
      ping = setInterval(() => {
        if (controller.desiredSize === null) clearInterval(ping);
        else if (controller.desiredSize > 0) controller.enqueue(encoder.encode(':\n\n'));
      }, PING_MS);
    },
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) {
          clearInterval(ping);
          controller.enqueue(encoder.encode('event: complete\ndata:\n\n'));
          controller.close();
          return;
        }
        const data = JSON.stringify(withoutInternals(next.value));
        controller.enqueue(encoder.encode(`${idLine(eventId())}event: next\ndata: ${data}\n\n`));
      } catch (error) {
        clearInterval(ping);
        controller.error(error);
      }
    },
    async cancel() {
      clearInterval(ping);
      await iterator.return?.();
    },
  });
  return new fetchAPI.Response(stream, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream',
      connection: 'keep-alive',
      'cache-control': 'no-cache',
      'content-encoding': 'none',
    },
  });
}
