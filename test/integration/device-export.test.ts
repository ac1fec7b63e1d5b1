// GET /export/devices.csv over the real stack: the rows are the filtered device set, one V04 call per page, the
// same authentication and space scoping as /graphql, clear 400s, and a body that streams while pages are fetched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { parseCsv } from '../../src/upstream/epmm/device-actions-dto.js';
import { encodeId } from '../../src/ids.js';
import { startStack, type Stack } from '../helpers/stack.js';

const EXPORT = 'POST /api/v2/devices';
const PAGE_SIZE = 40;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ devices: 130, seed: 5, env: { EXPORT_PAGE_SIZE: String(PAGE_SIZE) } });
});
afterAll(() => stack.close());

function exportUrl(params: Record<string, string> = {}): string {
  return `${stack.gatewayUrl}/export/devices.csv?${new URLSearchParams(params).toString()}`;
}

function download(
  params: Record<string, string> = {},
  as: string | null = 'miadmin',
  password = as ?? '',
): Promise<Response> {
  // x-graphql-csrf: a GET of the export needs it (CSRF prevention, test/integration/csrf.test.ts).
  const headers: Record<string, string> = { 'x-graphql-csrf': '1' };
  if (as) headers.authorization = basicAuthorization(as, password);
  return fetch(exportUrl(params), { headers });
}

async function uuidsFromGraphQL(filter: Record<string, unknown> | null, as = 'miadmin'): Promise<string[]> {
  const response = await stack.gql<{ devices: { totalCount: number; nodes: Array<{ uuid: string }> } }>(
    'query($filter: DeviceFilter) { devices(first: 200, filter: $filter, source: EPMM) { totalCount nodes { uuid } } }',
    { filter },
    as,
  );
  expect(response.errors).toBeUndefined();
  return response.data!.devices.nodes.map((node) => node.uuid);
}

async function exportCalls(): Promise<number> {
  return (await stack.upstreamStats()).byRoute[EXPORT] ?? 0;
}

describe('device CSV export', () => {
  it('streams exactly the filtered devices as CSV, one V04 call per page', async () => {
    const filter = { platform: ['IOS', 'ANDROID'], status: ['ACTIVE', 'LOCKED'] };
    const expected = await uuidsFromGraphQL(filter);
    expect(expected.length).toBeGreaterThan(PAGE_SIZE);
    await stack.resetUpstreamStats();
    const response = await download({ filter: JSON.stringify(filter), fields: 'BASIC,USER' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="devices.csv"');
    const table = parseCsv(await response.text(), 'export');
    expect(table.columns).toContain('uuid');
    expect(table.columns).toContain('user.email');
    const uuids = table.rows.map((row) => row.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(new Set(uuids)).toEqual(new Set(expected));
    expect(table.rows.every((row) => ['iOS', 'Android'].includes(row.platform))).toBe(true);
    expect(await exportCalls()).toBe(Math.floor(expected.length / PAGE_SIZE) + 1);
  });

  it('exports the whole visible fleet without a filter, BASIC columns named as the Device fields by default', async () => {
    await stack.resetUpstreamStats();
    const response = await download();
    const table = parseCsv(await response.text(), 'export');
    expect(table.columns).toEqual([
      'id',
      'source',
      'uuid',
      'platform',
      'model',
      'status',
      'lastCheckInAt',
      'user.principal',
    ]);
    expect(table.rows).toHaveLength(130);
    expect(table.rows.every((row) => row.source === 'EPMM')).toBe(true);
    expect(await exportCalls()).toBe(Math.floor(130 / PAGE_SIZE) + 1);
  });

  it("names EPMM's own columns with columns=vendor, the same rows and a source column", async () => {
    const graphql = parseCsv(await (await download()).text(), 'export');
    const response = await download({ columns: 'vendor' });
    expect(response.status).toBe(200);
    const table = parseCsv(await response.text(), 'export');
    expect(table.columns).toEqual([
      'source',
      'common.uuid',
      'common.platform',
      'common.model',
      'common.status',
      'common.last_connected_at',
      'user.user_id',
    ]);
    expect(table.rows.map((row) => [row['common.uuid'], row['common.last_connected_at'], row.source])).toEqual(
      graphql.rows.map((row) => [row.uuid, row.lastCheckInAt, 'EPMM']),
    );
  });

  it("gives each row the device's global id, the one device(id:) takes", async () => {
    const table = parseCsv(await (await download({ filter: JSON.stringify({ platform: ['IOS'] }) })).text(), 'export');
    const row = table.rows[0];
    const answer = await stack.gql<{ device: { uuid: string; platform: string } | null }>(
      'query($id: ID!) { device(id: $id) { uuid platform } }',
      { id: row.id },
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.device).toEqual({ uuid: row.uuid, platform: 'IOS' });
  });

  it('names the user fields as the User type does, and keeps EPMM names where no Device field reads a column', async () => {
    const table = parseCsv(await (await download({ fields: 'COMMON,USER,ANDROID' })).text(), 'export');
    expect(table.columns).toEqual(expect.arrayContaining(['user.displayName', 'user.email', 'serialNumber', 'imei']));
    for (const vendor of ['common.uuid', 'common.SerialNumber', 'user.email_address', 'android.security_patch'])
      expect(table.columns).not.toContain(vendor);
    expect(table.columns.some((column) => column.startsWith('android.'))).toBe(true);
    expect(new Set(table.columns).size).toBe(table.columns.length);
  });

  it("scopes the export to the caller's device spaces, as /graphql does", async () => {
    const expected = await uuidsFromGraphQL(null, 'emea');
    expect(expected.length).toBeLessThan(130);
    const table = parseCsv(await (await download({}, 'emea')).text(), 'export');
    expect(new Set(table.rows.map((row) => row.uuid))).toEqual(new Set(expected));
  });

  it('refuses a request without valid credentials with 401, before any export call', async () => {
    await stack.resetUpstreamStats();
    const anonymous = await download({}, null);
    expect(anonymous.status).toBe(401);
    // No Basic challenge, so a browser never prompts and remembers credentials (docs/decisions.md).
    expect(anonymous.headers.get('www-authenticate')).toBeNull();
    expect(
      ((await anonymous.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code,
    ).toBe('UNAUTHENTICATED');
    const wrong = await download({}, 'miadmin', 'not-the-password');
    expect(wrong.status).toBe(401);
    await wrong.body?.cancel();
    expect(await exportCalls()).toBe(0);
  });

  it.each([
    ['not JSON', { filter: '{platform:' }, /not JSON/],
    ['an unknown enum value', { filter: JSON.stringify({ platform: ['PHONE'] }) }, /filter\.platform\.0: .*PHONE/],
    ['an unknown field', { filter: JSON.stringify({ colour: 'red' }) }, /colour/],
    ['a bad DateTime', { filter: JSON.stringify({ lastCheckInAfter: 'yesterday' }) }, /DateTime/],
    [
      'a label with other conditions',
      { filter: JSON.stringify({ labelId: encodeId('Label', 'EPMM', '1'), compliant: true }) },
      /labelId/,
    ],
    [
      'a label id of another type',
      { filter: JSON.stringify({ labelId: encodeId('Policy', 'EPMM', '1') }) },
      /not a Label id/,
    ],
    ['an unknown field group', { fields: 'BASIC,PHOTOS' }, /'PHOTOS'/],
    ['an unknown column naming', { columns: 'snake' }, /`columns` parameter takes graphql or vendor/],
  ])('answers 400 with a clear message for %s, before any export call', async (_name, params, message) => {
    await stack.resetUpstreamStats();
    const response = await download(params);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(message);
    expect(await exportCalls()).toBe(0);
  });

  it('sends the first rows before the last page is fetched', async () => {
    const config = (body: unknown) =>
      fetch(`${stack.simulator.url}/__sim/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await download().then((response) => response.text()); // warm the viewer's space, so only export calls are slow
    await config({ latencyMs: 300 });
    try {
      await stack.resetUpstreamStats();
      const response = await download();
      const reader = response.body!.getReader();
      const first = await reader.read();
      const callsAtFirstChunk = await exportCalls();
      const totalPages = Math.floor(130 / PAGE_SIZE) + 1;
      expect(first.done).toBe(false);
      expect(callsAtFirstChunk).toBeLessThan(totalPages);
      const decoder = new TextDecoder();
      let text = decoder.decode(first.value, { stream: true });
      expect(text.split('\r\n').length - 2).toBeLessThan(130);
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        text += decoder.decode(chunk.value, { stream: true });
      expect(parseCsv(text, 'export').rows).toHaveLength(130);
      expect(await exportCalls()).toBe(totalPages);
    } finally {
      await config({ latencyMs: 0 });
    }
  });
});
