// No page of the gateway may be framed by another site: GraphiQL runs operations with the credentials it holds
// (the embedded default's admin, or what a user typed), so a framing page could trick a click on "Run"
// (clickjacking). Every response says so, in both the modern and the legacy header.
import type { Plugin } from 'graphql-yoga';

export function useFrameGuard(): Plugin {
  return {
    onResponse({ response }) {
      response.headers.set('x-frame-options', 'DENY');
      if (!response.headers.has('content-security-policy'))
        response.headers.set('content-security-policy', "frame-ancestors 'none'");
    },
  };
}
