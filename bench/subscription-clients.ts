// Subscribers for bench/subscriptions.ts: N subscriptions to one document over SSE (one POST stream each, Node's
// fetch) or graphql-ws (one socket each), counting the `next` events each receives and the MISSED ones among them.
// Frames are counted, not parsed into objects, so that the load generator stays cheap beside the gateway.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { basicAuthorization } from '../src/auth/credentials.js';

export interface Subscribers {
  /** Events received by each subscriber since it opened. */
  readonly counts: number[];
  /** MISSED events received (a slow consumer's dropped events, counted once per gap). */
  missed: number;
  /** Error payloads or streams that failed. */
  errors: number;
  close(): Promise<void>;
}

/** Opens `count` SSE subscriptions as `as`; answers at once, the streams open in the background. */
export function openSse(graphqlUrl: string, query: string, as: string, count: number): Subscribers {
  const controller = new AbortController();
  const subscribers: Subscribers = {
    counts: new Array<number>(count).fill(0),
    missed: 0,
    errors: 0,
    async close() {
      controller.abort();
    },
  };
  const body = JSON.stringify({ query });
  const headers = {
    'content-type': 'application/json',
    accept: 'text/event-stream',
    authorization: basicAuthorization(as, as),
  };
  for (let index = 0; index < count; index += 1) {
    void (async () => {
      const response = await fetch(graphqlUrl, { method: 'POST', headers, body, signal: controller.signal });
      const reader = response.body?.getReader();
      if (response.status !== 200 || !reader) throw new Error(`SSE subscription answered ${response.status}`);
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.includes('event: next')) {
            subscribers.counts[index] += 1;
            if (frame.includes('"MISSED"')) subscribers.missed += 1;
            if (frame.includes('"errors"')) subscribers.errors += 1;
          }
          end = buffer.indexOf('\n\n');
        }
      }
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) {
        subscribers.errors += 1;
        console.error(`SSE subscriber ${index}:`, error instanceof Error ? error.message : error);
      }
    });
  }
  return subscribers;
}

/** Opens `count` graphql-ws subscriptions as `as`, one socket each. */
export function openWebSockets(graphqlUrl: string, query: string, as: string, count: number): Subscribers {
  const clients: Client[] = [];
  const subscribers: Subscribers = {
    counts: new Array<number>(count).fill(0),
    missed: 0,
    errors: 0,
    async close() {
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
  for (let index = 0; index < count; index += 1) {
    const client = createClient({
      url: graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { Authorization: basicAuthorization(as, as) },
      retryAttempts: 0,
    });
    clients.push(client);
    client.subscribe(
      { query },
      {
        next: (result) => {
          subscribers.counts[index] += 1;
          if (result.errors) subscribers.errors += 1;
          if (JSON.stringify(result.data ?? {}).includes('"MISSED"')) subscribers.missed += 1;
        },
        error: (error) => {
          subscribers.errors += 1;
          console.error(`graphql-ws subscriber ${index}:`, error instanceof Error ? error.message : error);
        },
        complete: () => undefined,
      },
    );
  }
  return subscribers;
}
