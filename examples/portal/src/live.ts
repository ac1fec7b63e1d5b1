// Follows a GraphQL subscription for as long as a screen (or one of its parts) is shown: each event once, then the
// end of the stream, and nothing after the screen's signal aborts, which closes the stream (the gateway's poller for
// it stops once its last subscriber has left, docs/subscriptions.md "One poller per scope").
import type { AnyVariables, Client, TypedDocumentNode } from '@urql/core';
import { answerOf } from './answers.js';

export interface LiveHandlers<Data> {
  /** One event of the stream. */
  next(data: Data): void;
  /**
   * The stream is over: the gateway completed it (no problems) or it failed (HTTP refusal, network, GraphQL error).
   * Not called once the signal has aborted.
   */
  end(problems: string[]): void;
}

export function follow<Data, Variables extends AnyVariables>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  signal: AbortSignal,
  handlers: LiveHandlers<Data>,
): void {
  if (signal.aborted) return;
  let over = false;
  let previous: Data | undefined;
  let subscription: { unsubscribe(): void } | undefined;
  const stop = () => {
    over = true;
    signal.removeEventListener('abort', stop);
    subscription?.unsubscribe();
  };
  subscription = client.subscription(document, variables).subscribe((result) => {
    if (over) return;
    // When the stream ends, urql hands the last event's data out once more with `hasNext: false`: the same
    // object, which is not a new event.
    if (result.data && result.data !== previous) {
      previous = result.data;
      handlers.next(result.data);
    }
    if (result.hasNext === false || (result.error && !result.data)) {
      stop();
      handlers.end(answerOf(result).problems);
    }
  });
  if (over) subscription.unsubscribe();
  else signal.addEventListener('abort', stop);
}
