// Device posture and displayName through the server against the simulator: a fleet page selecting every posture
// field costs EPMM its one search (the fields ride in the search projection, no per-device details call), a Neurons
// page its one search per partition, and one device one read; each value is what the simulated device reports.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimDevice } from '../../src/simulator/fleet/types.js';
import {
  androidSecurityPatch,
  appleAutomatedEnrollment,
  osBuild,
  passcodeCompliant,
} from '../../src/simulator/fleet/device-traits.js';
import { neuronsWorld } from '../../src/simulator/neurons/world.js';
import { startStack, type Stack } from '../helpers/stack.js';

const SEARCH = 'GET /api/v2/devices';
const DETAILS = 'GET /api/v2/devices/:uuid/details';
const NEURONS_SEARCH = 'GET /neurons/api/v1/device';
const NEURONS_READ = 'GET /neurons/api/v1/device/:id';
const POSTURE =
  'uuid displayName encrypted supervised passcodeCompliant osBuild enrollmentType carrier securityPatchLevel';

interface Posture {
  uuid: string;
  displayName: string;
  encrypted: boolean | null;
  supervised: boolean | null;
  passcodeCompliant: boolean | null;
  osBuild: string | null;
  enrollmentType: string | null;
  carrier: string | null;
  securityPatchLevel: string | null;
}

let stack: Stack;

const sim = (uuid: string): SimDevice => stack.simulator.world.devicesByUuid.get(uuid)!;
const apple = (device: SimDevice) => device.platform === 'iOS' || device.platform === 'macOS';

/** What EPMM's records say about a simulated device, as the gateway should answer it. */
function epmmPosture(device: SimDevice): Posture {
  const owner = stack.simulator.world.usersByUuid.get(device.userUuid)!;
  return {
    uuid: device.uuid,
    // EPMM names Apple devices only; the others are "model of user".
    displayName: apple(device) ? device.deviceName : `${device.model} of ${owner.displayName}`,
    encrypted: device.deviceEncrypted,
    supervised: null,
    passcodeCompliant: passcodeCompliant(device),
    osBuild: device.platform === 'Windows' ? null : osBuild(device),
    enrollmentType: device.androidRegistrationStatus,
    carrier: device.imsi ? device.homeOperatorName : null,
    securityPatchLevel: device.platform === 'Android' ? androidSecurityPatch(device) : null,
  };
}

/** What Neurons' record says about the same device. */
function neuronsPosture(device: SimDevice): Posture {
  const automated = appleAutomatedEnrollment(device) === true;
  const android = { 'Device Owner': 'Device Owner', 'Work Profile': 'Work Profile' } as Record<string, string>;
  return {
    uuid: device.uuid,
    displayName: device.deviceName,
    encrypted: null,
    supervised:
      device.platform === 'iOS' ? device.ownership === 'COMPANY' : device.platform === 'macOS' ? automated : null,
    passcodeCompliant:
      device.platform === 'iOS' || device.platform === 'Android'
        ? !device.noncomplianceReasons.includes('PASSCODE_NOT_COMPLIANT')
        : null,
    osBuild: osBuild(device),
    enrollmentType: automated
      ? 'Automated Device Enrollment'
      : (android[device.androidRegistrationStatus ?? ''] ?? null),
    carrier: device.imsi ? device.homeOperatorName : null,
    securityPatchLevel: null,
  };
}

async function calls(): Promise<Record<string, number>> {
  const { byRoute } = await stack.upstreamStats();
  return Object.fromEntries(Object.entries(byRoute).filter(([, count]) => count > 0));
}

beforeAll(async () => {
  stack = await startStack({ devices: 150, seed: 31 });
  // The credential's first request also reads its device spaces and Neurons partitions; later ones do not.
  const warm = await stack.gql(
    '{ e: devices(first: 1, source: EPMM) { nodes { uuid } } n: devices(first: 1, source: NEURONS) { nodes { uuid } } }',
  );
  expect(warm.errors).toBeUndefined();
});
afterAll(async () => {
  await stack.close();
});
beforeEach(() => stack.resetUpstreamStats());

describe('device posture', () => {
  it('an EPMM fleet page with every posture field costs its one search, and answers what the devices report', async () => {
    const page = await stack.gql<{ devices: { nodes: Posture[] } }>(
      `{ devices(first: 50, source: EPMM) { nodes { ${POSTURE} } } }`,
    );
    expect(page.errors).toBeUndefined();
    const nodes = page.data!.devices.nodes;
    expect(nodes).toHaveLength(50);
    expect(await calls()).toEqual({ [SEARCH]: 1 });
    for (const node of nodes) expect(node, sim(node.uuid).platform).toEqual(epmmPosture(sim(node.uuid)));
    // The page shows each kind of answer, so the comparison above compared values and not only nulls.
    expect(new Set(nodes.map((node) => node.enrollmentType))).toContain('Work Profile');
    expect(nodes.some((node) => node.carrier !== null && node.osBuild !== null && node.encrypted === true)).toBe(true);
    expect(nodes.some((node) => node.passcodeCompliant === true)).toBe(true);

    await stack.resetUpstreamStats();
    const again = await stack.gql(`{ devices(first: 50, source: EPMM) { nodes { ${POSTURE} } } }`);
    expect(again.data).toEqual(page.data);
    expect(await calls()).toEqual({});
  });

  it('a Neurons fleet page costs one search per partition and no device reads', async () => {
    const partitions = neuronsWorld(stack.simulator.world).tenantAdmins.get('miadmin')!.partitionIds.length;
    const page = await stack.gql<{ devices: { nodes: Posture[] } }>(
      `{ devices(first: 50, source: NEURONS) { nodes { ${POSTURE} } } }`,
    );
    expect(page.errors).toBeUndefined();
    const nodes = page.data!.devices.nodes;
    expect(nodes).toHaveLength(50);
    expect(await calls()).toEqual({ [NEURONS_SEARCH]: partitions });
    for (const node of nodes) expect(node, sim(node.uuid).platform).toEqual(neuronsPosture(sim(node.uuid)));
    expect(nodes.some((node) => node.supervised === true)).toBe(true);
    expect(nodes.some((node) => node.enrollmentType === 'Automated Device Enrollment')).toBe(true);
  });

  it('one EPMM device costs one read: a uuid search, or with `details` the details call alone', async () => {
    const listed = await stack.gql<{ devices: { nodes: Array<{ uuid: string }> } }>(
      '{ devices(first: 50, source: EPMM) { nodes { uuid } } }',
    );
    const seen = new Set(listed.data!.devices.nodes.map((node) => node.uuid));
    const unseen = stack.simulator.world.devices.filter((device) => !seen.has(device.uuid));
    const [android, iphone] = ['Android', 'iOS'].map((platform) =>
      unseen.find((device) => device.platform === platform && device.status === 'ACTIVE'),
    );

    await stack.resetUpstreamStats();
    const one = await stack.gql<{ device: Posture }>(`{ device(uuid: "${android!.uuid}") { ${POSTURE} } }`);
    expect(one.errors).toBeUndefined();
    expect(one.data!.device).toEqual(epmmPosture(android!));
    expect(await calls()).toEqual({ [SEARCH]: 1 });

    await stack.resetUpstreamStats();
    const withDetails = await stack.gql<{ device: Posture & { details: unknown[] } }>(
      `{ device(uuid: "${iphone!.uuid}") { ${POSTURE} details { name } } }`,
    );
    expect(withDetails.errors).toBeUndefined();
    const { details, ...posture } = withDetails.data!.device;
    expect(posture).toEqual(epmmPosture(iphone!));
    expect(details.length).toBeGreaterThan(0);
    expect(await calls()).toEqual({ [DETAILS]: 1 });
  });

  it('one Neurons device costs one read', async () => {
    const listed = await stack.gql<{ devices: { nodes: Array<{ id: string; uuid: string }> } }>(
      '{ devices(first: 60, source: NEURONS) { nodes { id uuid } } }',
    );
    const last = listed.data!.devices.nodes.at(-1)!;
    // A fresh stack state for the device: the list cached only its search rows, `node` reads the device itself.
    await stack.resetUpstreamStats();
    const one = await stack.gql<{ node: Posture }>(`{ node(id: "${last.id}") { ... on Device { ${POSTURE} } } }`);
    expect(one.errors).toBeUndefined();
    expect(one.data!.node).toEqual(neuronsPosture(sim(last.uuid)));
    expect(await calls()).toEqual({ [NEURONS_READ]: 1 });
  });
});
