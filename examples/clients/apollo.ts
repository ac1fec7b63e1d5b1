// Apollo Client 4 against the gateway (docs/clients.md): a normalised cache that merges the pages of
// `Query.devices` (Relay cursors), errors returned beside partial data, and the CSRF header. Apollo sends JSON
// POSTs, which need no header, but the header keeps `useGETForQueries` (or a persisted-query GET) working.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { filter, firstValueFrom } from 'rxjs';
import type { FleetPage, FleetPageDocument, WholeFleet } from './fleet-page.js';

// Apollo 4 types results by the default errorPolicy, which must be declared for its types to follow.
declare module '@apollo/client' {
  namespace ApolloClient {
    namespace DeclareDefaultOptions {
      interface WatchQuery {
        errorPolicy: 'all';
      }
      interface Query {
        errorPolicy: 'all';
      }
      interface Mutate {
        errorPolicy: 'all';
      }
    }
  }
}

/** `authorization` as for urql.ts: `Basic base64(user:password)` (pass-through) or `Bearer <JWT>` (service mode). */
export function createApolloClient(uri: string, authorization: string): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri, headers: { 'x-graphql-csrf': '1', authorization } }),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // One cached list per filter, order and source; `first` and `after` only page through it.
            devices: relayStylePagination(['filter', 'orderBy', 'source']),
          },
        },
        // DateTime arrives as an ISO-8601 string and stays one in the cache (`new Date(value)` where a Date is
        // needed); Long is a JSON number, exact up to 2^53. Neither needs a field policy.
      },
    }),
    // The gateway answers what it could read beside a located error (a device whose labels failed): keep both.
    defaultOptions: {
      watchQuery: { errorPolicy: 'all' },
      query: { errorPolicy: 'all' },
      mutate: { errorPolicy: 'all' },
    },
  });
}

/** Every device: one watched query, `fetchMore` for each next page, the cache merging the edges. */
export async function fetchAllDevices(
  client: ApolloClient,
  document: FleetPageDocument,
  first = 100,
): Promise<WholeFleet> {
  const query = client.watchQuery({ query: document, variables: { first } });
  // A subscriber runs the query and keeps it watching the cache, where each fetchMore page is merged (a UI
  // framework's hook is that subscriber, re-rendering with the longer list).
  const watching = query.subscribe(() => undefined);
  try {
    const loaded = await firstValueFrom(query.pipe(filter((result) => result.dataState === 'complete')));
    if (loaded.error) throw loaded.error;
    let page = pageOf(loaded.data);
    while (page.pageInfo.hasNextPage) {
      // Resolves with the page just read; the cache merges it into the list (relayStylePagination).
      const more = await query.fetchMore({ variables: { after: page.pageInfo.endCursor } });
      if (more.error) throw more.error;
      page = pageOf(more.data);
    }
    // The merged list, as the cache now holds it: every page's edges, once, in order.
    const merged = pageOf(client.readQuery({ query: document, variables: { first } }));
    return { totalCount: merged.totalCount, devices: merged.edges.map((edge) => edge.node) };
  } finally {
    watching.unsubscribe();
  }
}

function pageOf(data: FleetPage | null | undefined): NonNullable<FleetPage['devices']> {
  if (!data?.devices) throw new Error('the gateway answered no devices page');
  return data.devices;
}
