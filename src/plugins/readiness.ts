// `/ready`: 200 when every configured upstream answers, 503 otherwise. No authentication and no data, as
// load balancers call it. The answer is cached for a second so probes cannot hammer the MDM.
import type { Plugin } from 'graphql-yoga';
import type { EpmmClient } from '../upstream/epmm/client.js';

const PROBE_TIMEOUT_MS = 2000;
const CACHE_MS = 1000;

export function useReadiness(epmm: EpmmClient): Plugin {
  let last: { at: number; ready: boolean } | undefined;
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready') return;
      // An open breaker means recent calls failed: not ready, whatever one probe says.
      if (!last || Date.now() - last.at > CACHE_MS)
        last = { at: Date.now(), ready: epmm.breakerState !== 'open' && (await epmm.isReachable(PROBE_TIMEOUT_MS)) };
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            status: last.ready ? 'ready' : 'unavailable',
            upstreams: { EPMM: last.ready ? 'up' : 'down' },
          }),
          {
            status: last.ready ? 200 : 503,
            headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          },
        ),
      );
    },
  };
}
