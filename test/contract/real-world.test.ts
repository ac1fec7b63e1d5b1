// Every real-world recording (test/fixtures/real-world, byte for byte, CRLF kept) and the documented variations of
// real servers, replayed through the real clients with the gateway's decode-warning sink: none may fail as a whole.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epmmDeviceToModel } from '../../src/models/epmm-device.js';
import { neuronsDeviceToModel } from '../../src/models/neurons-device.js';
import type { DecodeWarning } from '../../src/upstream/decode-warnings.js';
import { EpmmClient, type EpmmCaller } from '../../src/upstream/epmm/client.js';
import { EpmmV2DevicesClient } from '../../src/upstream/epmm/v2-devices-client.js';
import { UpstreamHttp } from '../../src/upstream/http.js';
import { NeuronsClient } from '../../src/upstream/neurons/client.js';
import { adminCredential } from '../helpers/credentials.js';
import { startReplayServer, type ReplayServer } from '../helpers/replay-server.js';
import type { UpstreamCaller } from '../../src/upstream/caller.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/real-world/${path}`, import.meta.url));
const cloud = (file: string) => fixture(`xsoar-mobileiron-cloud/${file}`);
const core = (file: string) => fixture(`xsoar-mobileiron-core/${file}`);

let replay: ReplayServer;
let epmmHttp: UpstreamHttp;
let neuronsHttp: UpstreamHttp;
let warnings: DecodeWarning[] = [];
const epmmCaller: EpmmCaller = { credential: adminCredential('miadmin'), adminDeviceSpaceId: 1 };
const neuronsCaller: UpstreamCaller = { credential: adminCredential('miadmin') };
const neurons = () => new NeuronsClient(neuronsHttp);
const searchNeurons = () => neurons().searchDevices(neuronsCaller, { dmPartitionId: 33533, rows: 50, start: 0 });
const searchEpmm = () =>
  new EpmmClient(epmmHttp).searchDevices(epmmCaller, { fields: ['common.uuid'], limit: 50, offset: 0 });
const PAGES = ['get_devices_response_page.json', 'get_devices_response_page2.json'];
const ROUTE = 'GET /api/v1/device';

beforeAll(async () => {
  replay = await startReplayServer();
  const onDecodeWarning = (warning: DecodeWarning) => warnings.push(warning);
  epmmHttp = new UpstreamHttp('EPMM', replay.url, { connections: 2, timeoutMs: 5000, onDecodeWarning });
  neuronsHttp = new UpstreamHttp('NEURONS', replay.url, { connections: 2, timeoutMs: 5000, onDecodeWarning });
});
afterAll(async () => {
  await epmmHttp.close();
  await neuronsHttp.close();
  await replay.close();
});

function respond(body: Buffer | object): void {
  warnings = [];
  replay.respond(200, Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

const json = (body: Buffer) => JSON.parse(body.toString('utf8')) as Record<string, unknown>;

describe('xsoar-mobileiron-cloud (Neurons)', () => {
  it.each(PAGES)('%s: every device decodes and maps', async (file) => {
    respond(cloud(file));
    const page = await searchNeurons();
    const raw = json(cloud(file)) as { result: { searchResults: unknown[] } };
    expect(page.searchResults).toHaveLength(raw.result.searchResults.length);
    for (const record of page.searchResults) expect(neuronsDeviceToModel(record, 33533).name).toBeTruthy();
    expect(warnings).toEqual([]);
  });

  it('device_response.json decodes with its groups', async () => {
    respond(cloud('device_response.json'));
    const device = await neurons().getDevice(neuronsCaller, 123, 33533);
    expect(device.groups?.length).toBeGreaterThan(0);
  });

  it('tenant_spaces.json decodes', async () => {
    respond(cloud('tenant_spaces.json'));
    expect((await neurons().listDevicePartitions(neuronsCaller)).searchResults.length).toBe(2);
  });
});

describe('xsoar-mobileiron-core (EPMM v2)', () => {
  it.each(PAGES)('%s: devices map; masked ids never become keys', async (file) => {
    respond(core(file));
    const page = await searchEpmm();
    const models = page.results.map(epmmDeviceToModel);
    const unmasked = (model: (typeof models)[number]) =>
      model !== null && model.uuid !== '*****' && model.user?.principal !== '*****';
    expect(models.every(unmasked)).toBe(true);
    expect(warnings).toContainEqual({ route: 'GET /api/v2/devices', path: 'results[].user.user_id', kind: 'masked' });
  });

  const ROWS = ['clean_device_data.json', 'test_data_replace_characters.json'];
  it.each(ROWS)('%s, as a row of a search, does not fail the page', async (file) => {
    respond({ results: [json(core(file))], totalCount: 1, resultCount: 1, hasMore: false });
    const page = await searchEpmm();
    expect(page.results).toHaveLength(1);
  });

  it('action_response.json decodes as an action result', async () => {
    respond(core('action_response.json'));
    const uuid = '9b0da853-9f9b-483c-97ef-f4b5457299cf';
    const result = await new EpmmV2DevicesClient(epmmHttp).wakeUp(epmmCaller, [uuid]);
    expect(result.successful).toBe(true);
  });

  it('ping.json is a JSON body the client reads', async () => {
    respond(core('ping.json'));
    expect(await new EpmmClient(epmmHttp).isReachable(1000)).toBe(true);
  });
});

/** The documented variations of real servers (docs/decisions.md "Tolerant decoding"), on the cloud page 1. */
describe('documented variations (Neurons device search)', () => {
  type Page = {
    errors: null;
    result: { searchResults: Array<Record<string, unknown>>; facetedResults: Record<string, Record<string, unknown>> };
  };
  const base = () => json(cloud('get_devices_response_page.json')) as Page;

  it('abridged records: only the requested fields, no guid, no deviceName, the name under entityName', async () => {
    const body = base();
    body.result.searchResults = body.result.searchResults.map((record) => ({
      id: record.id,
      entityName: record.entityName,
      platformType: record.platformType,
      lastCheckin: record.lastCheckin,
    }));
    respond(body);
    const page = await searchNeurons();
    const models = page.searchResults.map((record) => neuronsDeviceToModel(record, 33533));
    expect(models.map((model) => model.name)).toEqual(['WINDEV2006EVAL', 'ANDROID-Pixel-']);
    expect(models.map((model) => model.uuid)).toEqual(body.result.searchResults.map((record) => String(record.id)));
    expect(warnings).toContainEqual({ route: ROUTE, path: 'searchResults[].deviceName', kind: 'variant' });
    // Names only, never values.
    expect(warnings.every((warning) => !JSON.stringify(warning).includes('WINDEV'))).toBe(true);
  });

  it('ISO times instead of epoch millis, and a null facet count', async () => {
    const body = base();
    for (const record of body.result.searchResults) {
      record.lastCheckin = new Date(record.lastCheckin as number).toISOString();
    }
    body.result.facetedResults.PLATFORMTYPE.IOS = null;
    respond(body);
    const page = await searchNeurons();
    const recorded = base().result.searchResults.map((record) => record.lastCheckin);
    expect(page.searchResults.map((record) => record.lastCheckin)).toEqual(recorded);
    expect(page.facetedResults?.PLATFORMTYPE.IOS).toBeNull();
    const warning = { route: ROUTE, path: 'searchResults[].lastCheckin', kind: 'type' };
    expect(warnings).toEqual([warning, warning]);
  });

  it('an unexpected field loses neither page nor record; an undecodable record is dropped alone', async () => {
    const body = base();
    body.result.searchResults[0].registrationState = 42;
    body.result.searchResults[1].id = 'x';
    respond(body);
    const page = await searchNeurons();
    expect(page.searchResults).toHaveLength(1);
    expect(page.searchResults[0].registrationState).toBe('42');
    expect(warnings).toContainEqual({ route: ROUTE, path: 'searchResults[]', kind: 'dropped', at: 'searchResults[1]' });
  });
});
