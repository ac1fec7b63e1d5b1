// The batched "devices of these users" loader against a replayed EPMM search: a batch whose devices fit one
// EPMM page is split by owner (logins compared case-insensitively); a larger one yields null, so the resolver
// pages that user's devices itself instead of showing a truncated list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevicesOfUserLoader } from '../../src/loaders/users.js';
import { SharedCache } from '../../src/cache/shared-cache.js';
import { createUpstreamClients } from '../../src/upstream/clients.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { startReplayServer, type ReplayServer } from '../helpers/replay-server.js';
import { adminCredential } from '../helpers/credentials.js';

let replay: ReplayServer;
let http: UpstreamHttp;

beforeAll(async () => {
  replay = await startReplayServer();
  http = new UpstreamHttp('EPMM', replay.url, { connections: 2, timeoutMs: 5000 });
});
afterAll(async () => {
  await http.close();
  await replay.close();
});

function loader() {
  const credential = adminCredential('miadmin');
  const stats = { hits: 0, misses: 0, deduped: 0 };
  const cache = new SharedCache({
    maxEntries: 100,
    maxBytes: 1_000_000,
    ttlMs: { device: 30_000, alerts: 30_000, spaces: 30_000, reference: 30_000 },
  });
  const { epmm } = createUpstreamClients(http, undefined);
  const scope = { upstream: replay.url, credentialScope: 'test', deviceSpaceId: 1 };
  const deps = { epmm, caller: { credential, adminDeviceSpaceId: 1 }, cache, scope, stats };
  return { devicesOfUser: createDevicesOfUserLoader(deps), stats };
}

const row = (uuid: string, login: string) => ({ 'common.uuid': uuid, 'common.platform': 'iOS', 'user.user_id': login });

describe('devices of users', () => {
  it('splits one search among its users, matching logins in any case; a user without devices gets []', async () => {
    replay.respond(
      200,
      JSON.stringify({ results: [row('A-1', 'JDoe'), row('a-2', 'asmith'), row('a-3', 'jdoe')], totalCount: 3 }),
    );
    const { devicesOfUser, stats } = loader();
    const [jdoe, asmith, nobody] = await Promise.all([
      devicesOfUser.load('jdoe'),
      devicesOfUser.load('ASmith'),
      devicesOfUser.load('nobody'),
    ]);
    expect(jdoe?.map((device) => device.uuid)).toEqual(['a-1', 'a-3']);
    expect(asmith?.map((device) => device.uuid)).toEqual(['a-2']);
    expect(nobody).toEqual([]);
    expect(stats.misses).toBe(1);
    const query = new URL(replay.lastPath()!, 'http://x').searchParams.get('query');
    expect(query).toBe('"user.user_id" = "jdoe" OR "user.user_id" = "asmith" OR "user.user_id" = "nobody"');
  });

  it('yields null for every user of a batch with more devices than one EPMM page', async () => {
    const rows = Array.from({ length: 200 }, (_, index) => row(`b-${index}`, index % 2 === 0 ? 'jdoe' : 'asmith'));
    replay.respond(200, JSON.stringify({ results: rows, totalCount: 250 }));
    const { devicesOfUser } = loader();
    expect(await Promise.all([devicesOfUser.load('jdoe'), devicesOfUser.load('asmith')])).toEqual([null, null]);
  });
});
