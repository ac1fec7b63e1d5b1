// The one GraphQL client of the portal (@urql/core). The gateway refuses any request without the `x-graphql-csrf`
// header unless it is a JSON POST (docs/decisions.md "CSRF, CORS and the Basic challenge"); urql sends queries as
// GET, so the header goes with every request. Credentials go explicitly in `authorization`, never as cookies: the
// gateway sends no Basic challenge and reads no cookie.
//
// Subscriptions run over the same fetch (`fetchSubscriptions`): a JSON POST asking for `text/event-stream`, which
// the gateway answers as Server-Sent Events (docs/subscriptions.md "Transports"). It carries the same two headers,
// so a subscription is signed in and passes the CSRF check exactly as a query does; no WebSocket, no second client.
import { Client, fetchExchange } from '@urql/core';

export function createPortalClient(endpoint: string, authorization: string): Client {
  return new Client({
    url: endpoint,
    // No document cache: every screen reads what the MDM says now (the gateway caches, and drops its entries on
    // every change the portal makes).
    exchanges: [fetchExchange],
    fetchSubscriptions: true,
    fetchOptions: { headers: { 'x-graphql-csrf': '1', authorization }, credentials: 'omit' },
  });
}
