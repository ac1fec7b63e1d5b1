// What the host page tells the portal, in <meta> tags of its <head>: where the gateway's GraphQL endpoint is and,
// only where the gateway signs GraphiQL in too (the embedded simulator), the Authorization header to send.
// Without that tag the portal asks for credentials (see sign-in.ts).
export interface PortalSettings {
  endpoint: string;
  authorization: string | undefined;
}

export function readSettings(document: Document): PortalSettings {
  const meta = (name: string) =>
    document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content.trim() || undefined;
  return { endpoint: meta('mdmgraph-endpoint') ?? '/graphql', authorization: meta('mdmgraph-authorization') };
}
