// Every operation of examples/operations (docs/clients.md) runs against the simulator-backed gateway with values
// from the seeded fleet, and answers data without errors. The folder is globbed: a new file is covered as soon
// as its variables are in VALUES (a required variable without a value fails, naming it).
import { readdirSync, readFileSync } from 'node:fs';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.js';

const DIR = new URL('../../examples/operations/', import.meta.url);
const FILES = readdirSync(DIR)
  .filter((file) => file.endsWith('.graphql'))
  .sort();

/** Routes the mutations send under the state-change permit; everything else (GETs, V01's POST search) is a read. */
const isStateChange = (route: string) => !route.startsWith('GET ') && route !== 'POST /api/v2/devices';

interface Fleet {
  /** An ACTIVE EPMM device with a user, labels, policies and noncompliance reasons: the device page has it all. */
  device: { id: string; uuid: string; user: { principal: string } };
  /** A static label the device is not in yet. */
  labelId: string;
}

let stack: Stack;
let fleet: Fleet;

/** Values by `name: Type` of a variable definition; optional variables without one take their default. */
function values(): Record<string, unknown> {
  return {
    'id: ID!': fleet.device.id,
    'ids: [ID!]!': [fleet.device.id],
    'principal: String!': fleet.device.user.principal,
    'labelIds: [ID!]!': [fleet.labelId],
    'note: String': 'example operation test',
    'text: String!': 'Please call the help desk.',
    'mode: MessageMode!': 'PUSH',
    'filter: DeviceFilter': { platform: ['IOS', 'ANDROID'] },
    'orderBy: DeviceOrder': { field: 'LAST_CHECK_IN', direction: 'DESC' },
    'filter: AlertFilter': { read: false },
  };
}

function variablesOf(operation: OperationDefinitionNode): Record<string, unknown> {
  const known = values();
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const key = `${definition.variable.name.value}: ${print(definition.type)}`;
    if (key in known) variables[definition.variable.name.value] = known[key];
    else if (definition.type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue)
      throw new Error(`no value for the required variable $${key}: add one to VALUES`);
  }
  return variables;
}

/**
 * Data a screen can show: every root field answered; every list of a root object, and of a connection inside it
 * (a user's devices), non-empty, except `userErrors`, which must be empty.
 */
function expectMeaningful(data: Record<string, unknown>, name: string): void {
  for (const [field, value] of Object.entries(data)) {
    expect(value, `${name}: ${field}`).toBeTypeOf('object');
    expect(value, `${name}: ${field}`).not.toBeNull();
    expectListsFilled(value as Record<string, unknown>, `${name}: ${field}`, 1);
  }
}

function expectListsFilled(object: Record<string, unknown>, path: string, depth: number): void {
  for (const [key, value] of Object.entries(object)) {
    if (Array.isArray(value)) {
      if (key === 'userErrors') expect(value, `${path}.${key}`).toEqual([]);
      else expect(value.length, `${path}.${key} is empty`).toBeGreaterThan(0);
    } else if (depth > 0 && value && typeof value === 'object' && ('nodes' in value || 'edges' in value))
      expectListsFilled(value as Record<string, unknown>, `${path}.${key}`, depth - 1);
  }
}

beforeAll(async () => {
  stack = await startStack({ devices: 120 });
  const devices = await stack.gql<{
    devices: {
      nodes: Array<{
        id: string;
        uuid: string;
        status: string;
        noncomplianceReasons: string[];
        user: { principal: string } | null;
        labels: Array<{ id: string }> | null;
        policies: Array<{ id: string }> | null;
      }>;
    };
  }>(`{ devices(first: 120, source: EPMM, filter: { compliant: false, status: [ACTIVE] }) {
    nodes { id uuid status noncomplianceReasons user { principal } labels { id } policies { id } } } }`);
  expect(devices.errors).toBeUndefined();
  const device = devices.data!.devices.nodes.find(
    (node) => node.user && node.labels?.length && node.policies?.length && node.noncomplianceReasons.length,
  );
  if (!device?.user) throw new Error('the seeded fleet has no ACTIVE non-compliant device with labels and policies');
  const labels = await stack.gql<{ labels: { nodes: Array<{ id: string; static: boolean | null }> } }>(
    '{ labels(first: 200) { nodes { id static } } }',
  );
  const inLabels = new Set(device.labels!.map((label) => label.id));
  const label = labels.data!.labels.nodes.find((node) => node.static && !inLabels.has(node.id));
  if (!label) throw new Error('the seeded fleet has no static label to apply');
  fleet = { device: { id: device.id, uuid: device.uuid, user: device.user }, labelId: label.id };
});
afterAll(() => stack?.close());

describe('examples/operations', () => {
  it('holds the common screens and actions, one named operation per file', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(10);
    for (const file of FILES) {
      const document = parse(readFileSync(new URL(file, DIR), 'utf8'));
      const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
      expect(operations, file).toHaveLength(1);
      expect((operations[0] as OperationDefinitionNode).name?.value, file).toBeTruthy();
    }
  });

  it.each(FILES)('%s answers data without errors', async (file) => {
    const text = readFileSync(new URL(file, DIR), 'utf8');
    const operation = parse(text).definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )!;
    const statusBefore = stack.simulator.world.devicesByUuid.get(fleet.device.uuid)!.status;
    await stack.resetUpstreamStats();
    const response = await stack.gql(text, variablesOf(operation));
    expect(response.errors, file).toBeUndefined();
    expect(response.status).toBe(200);
    expectMeaningful(response.data!, file);
    if (operation.operation !== 'mutation') return;
    const [payload] = Object.values(response.data!) as Array<{ dryRun: boolean; results: Array<{ status: string }> }>;
    const calls = Object.keys((await stack.upstreamStats()).byRoute);
    if (payload.dryRun) {
      // A dry run sends nothing that changes the MDM, and the device is as it was.
      expect(payload.results.map((result) => result.status)).toEqual(['DRY_RUN']);
      expect(calls.filter(isStateChange), file).toEqual([]);
      expect(stack.simulator.world.devicesByUuid.get(fleet.device.uuid)!.status).toBe(statusBefore);
    } else {
      expect(payload.results.map((result) => result.status)).toEqual(['SUCCEEDED']);
      expect(calls.filter(isStateChange).length, file).toBeGreaterThan(0);
    }
  });

  it('left the simulator in the state the real actions asked for', async () => {
    const device = await stack.gql<{ node: { status: string; labels: Array<{ id: string }> } }>(
      'query ($id: ID!) { node(id: $id) { ... on Device { status labels { id } } } }',
      { id: fleet.device.id },
    );
    expect(device.data!.node.status).toBe('LOCKED');
    expect(device.data!.node.labels.map((label) => label.id)).toContain(fleet.labelId);
  });
});
