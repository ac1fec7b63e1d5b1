// urql (@urql/core) against the gateway (docs/clients.md). urql sends queries as GET by default (its
// `preferGetMethod` is 'within-url-limit'), and the gateway refuses any GET without the `x-graphql-csrf` header
// (CSRF prevention, docs/decisions.md): so the header goes with every request, beside the credentials.
import { Client, fetchExchange } from '@urql/core';
import type { FleetPage, FleetPageDocument, WholeFleet } from './fleet-page.js';

/**
 * A client for the gateway at `url` (…/graphql). `authorization` is sent with every request, as the gateway sends
 * no Basic challenge: `Basic base64(user:password)` in pass-through mode, `Bearer <JWT>` in service mode.
 */
export function createUrqlClient(url: string, authorization: string): Client {
  return new Client({
    url,
    exchanges: [fetchExchange],
    fetchOptions: { headers: { 'x-graphql-csrf': '1', authorization } },
  });
}

/** Pages through every device with `after: pageInfo.endCursor` until `hasNextPage` is false. */
export async function fetchAllDevices(client: Client, document: FleetPageDocument, first = 100): Promise<WholeFleet> {
  const whole: WholeFleet = { totalCount: 0, devices: [] };
  let after: string | null | undefined = null;
  do {
    const result = await client.query(document, { first, after }).toPromise();
    // A network error, an HTTP refusal (401, 403) or a GraphQL error: all in one CombinedError.
    if (result.error) throw result.error;
    const page: FleetPage['devices'] = result.data?.devices;
    if (!page) throw new Error('the gateway answered no devices page');
    whole.totalCount = page.totalCount;
    whole.devices.push(...page.edges.map((edge) => edge.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return whole;
}
