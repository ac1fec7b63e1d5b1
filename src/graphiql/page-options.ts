// The options GraphiQL's page opens with, made per page request (yoga's `graphiql` factory): the welcome and
// examples of src/graphiql/examples.ts, and, where GraphiQL is signed in to the embedded simulator, the Variables
// tab filled with a device of the fleet, so every example runs as shipped. The device is read once, on the first
// page, through the gateway itself (`ask`), as GraphiQL's own request would be: the real id, whatever the fleet.
import type { GraphiQLOptions } from 'graphql-yoga';
import { EXAMPLE_DEVICE_QUERY, exampleOperations, exampleVariables, type GraphiqlWelcome } from './examples.js';

export interface GraphiqlPageSettings {
  welcome: GraphiqlWelcome;
  /** The Headers tab (the embedded simulator's administrator), as JSON text; undefined: empty. */
  headers: string | undefined;
  /**
   * Sends a GraphQL request through the gateway with the Headers tab's credentials; given only where GraphiQL is
   * signed in. Answers the response's JSON body.
   */
  ask?: (query: string) => Promise<unknown>;
}

export function graphiqlPageOptions(settings: GraphiqlPageSettings): () => Promise<GraphiQLOptions> {
  let variables: Promise<string | undefined> | undefined;
  const defaultQuery = exampleOperations(settings.welcome);
  return async () => {
    if (settings.ask && variables === undefined) {
      variables = exampleDevice(settings.ask).then((id) => (id ? exampleVariables(id) : undefined));
      // A failure (the simulator still starting) leaves the tab empty this time and is retried on the next page.
      variables.then((text) => text ?? (variables = undefined)).catch(() => (variables = undefined));
    }
    return {
      title: 'mdmgraph',
      defaultQuery,
      headers: settings.headers,
      variables: (await variables?.catch(() => undefined)) ?? undefined,
      shouldPersistHeaders: false,
    };
  };
}

async function exampleDevice(ask: (query: string) => Promise<unknown>): Promise<string | undefined> {
  const body = (await ask(EXAMPLE_DEVICE_QUERY)) as { data?: { devices?: { nodes?: Array<{ id?: unknown }> } } };
  const id = body?.data?.devices?.nodes?.[0]?.id;
  return typeof id === 'string' ? id : undefined;
}
