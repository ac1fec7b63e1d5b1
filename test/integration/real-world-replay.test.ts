// The gateway pointed at a replay of the real-world recordings (test/fixtures/real-world, byte for byte): a GraphQL
// devices query over HTTP answers the recorded devices, with no UPSTREAM_ERROR (docs/decisions.md "Tolerant decoding").
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));

/** Path → body; the second page is answered for any offset or start past the first. */
function answer(url: URL): Buffer | undefined {
  const later = Number(url.searchParams.get('offset') ?? url.searchParams.get('start') ?? 0) > 0;
  switch (url.pathname) {
    case '/api/v2/device_spaces/mine':
      return fixture('documents/ds02-mine.json');
    case '/api/v2/devices':
      return fixture(`real-world/xsoar-mobileiron-core/get_devices_response_page${later ? '2' : ''}.json`);
    case '/neurons/api/v1/tenant/partition/device':
      return fixture('real-world/xsoar-mobileiron-cloud/tenant_spaces.json');
    case '/neurons/api/v1/device':
      return fixture(`real-world/xsoar-mobileiron-cloud/get_devices_response_page${later ? '2' : ''}.json`);
    default:
      return undefined;
  }
}

let replay: Server;
let stack: Stack;

beforeAll(async () => {
  replay = createServer((req, res) => {
    const body = answer(new URL(req.url ?? '/', 'http://replay'));
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body ?? '{"messages":[{"type":"Error","messageKey":"com.mobileiron.vsp.messages.resource.not.found"}]}');
  });
  await new Promise<void>((resolve) => replay.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(replay.address() as AddressInfo).port}`;
  stack = await startStack({ devices: 10, upstreamUrl: async () => url });
});
afterAll(async () => {
  await stack.close();
  replay.closeAllConnections();
  await new Promise<void>((resolve) => replay.close(() => resolve()));
});

type Devices = { devices: { nodes: Array<{ uuid: string; name: string | null; source: string }> } };

describe('the gateway over the real-world recordings', () => {
  it('Neurons: the recorded devices, named (deviceName or entityName)', async () => {
    // The replay answers every partition with the same recorded pages, so a device may be listed per partition.
    const response = await stack.gql<Devices>('{ devices(first: 20, source: NEURONS) { nodes { uuid name source } } }');
    expect(response.errors).toBeUndefined();
    const names = new Set(response.data!.devices.nodes.map((node) => node.name));
    expect(names).toEqual(new Set(['WINDEV2006EVAL', 'ANDROID-Pixel-']));
  });

  it('EPMM: the recorded devices', async () => {
    const response = await stack.gql<Devices>('{ devices(first: 2, source: EPMM) { nodes { uuid name source } } }');
    expect(response.errors).toBeUndefined();
    expect(response.data!.devices.nodes.map((node) => node.uuid)).toContain('9b0da853-0000-0000-0000-f4b5457299cf');
  });
});
