// GraphiQL's examples run as shipped: the page served to a browser carries the operations, the Headers tab and the
// Variables tab, and every operation, sent with exactly those, answers data without errors from the simulator. The
// welcome says how the gateway runs: signed in over the simulator, or what to bring to a real MDM.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/server.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { adminScopes } from '../../src/simulator/fleet/admin-scopes.js';
import { serveGateway, type ServedGateway } from '../helpers/stack.js';
import { raiseAlert } from '../helpers/subscription-stack.js';

interface PageOptions {
  defaultQuery: string;
  headers?: string;
  variables?: string;
}

/** The options the page hands to GraphiQL, as the browser receives them. */
async function pageOptions(url: string): Promise<PageOptions> {
  const html = await (await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).text();
  const json = /renderYogaGraphiQL\(document\.querySelector\('#root'\), (.*)\);\n/.exec(html)?.[1];
  if (!json) throw new Error(`no GraphiQL options in the page:\n${html.slice(0, 500)}`);
  return JSON.parse(json) as PageOptions;
}

/** Each gateway's audit trail and secret in a directory of its own. */
const auditLogFile = () => join(mkdtempSync(join(tmpdir(), 'mdmgraph-graphiql-')), 'audit.jsonl');

let simulator: RunningSimulator;
let created: ReturnType<typeof createGateway>;
let gateway: ServedGateway;
let options: PageOptions;

beforeAll(async () => {
  simulator = await startSimulator({ devices: 80, seed: 11 });
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', AUDIT_LOG_FILE: auditLogFile() });
  created = createGateway(config, simulator.url, {
    graphiqlCredentials: { username: 'miadmin', password: 'miadmin' },
    passThroughScopes: adminScopes(simulator.world.admins),
  });
  gateway = await serveGateway(created);
  options = await pageOptions(gateway.url);
});
afterAll(async () => {
  await gateway?.close();
  await simulator?.close();
});

const operations = () =>
  parse(options.defaultQuery).definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );

describe('GraphiQL examples over the embedded simulator', () => {
  it('say the user is signed in to the simulator, with no placeholder to replace', () => {
    expect(options.defaultQuery).toContain('embedded simulator');
    expect(options.defaultQuery).toContain("signed in as the simulator's `miadmin`");
    expect(options.defaultQuery).not.toMatch(/PASTE|<[a-z ]+>/i);
    expect(JSON.parse(options.headers ?? '{}')).toHaveProperty('Authorization');
  });

  it('fill the Variables tab with a device of the fleet', () => {
    const variables = JSON.parse(options.variables ?? '{}') as { id?: string; ids?: string[] };
    expect(variables.id).toEqual(expect.any(String));
    expect(variables.ids).toEqual([variables.id]);
  });

  it('every operation runs as shipped, answering data without errors', async () => {
    const headers = JSON.parse(options.headers!) as Record<string, string>;
    const variables = JSON.parse(options.variables!) as Record<string, unknown>;
    expect(operations().length).toBeGreaterThanOrEqual(6);
    for (const operation of operations().filter((definition) => definition.operation !== 'subscription')) {
      const name = operation.name!.value;
      // GraphiQL sends the whole document, the operation's name and the whole Variables tab.
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: options.defaultQuery, operationName: name, variables }),
      });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
      expect(body.errors, `${name}: ${print(operation).slice(0, 80)}`).toBeUndefined();
      expect(response.status, name).toBe(200);
      for (const [field, value] of Object.entries(body.data ?? {})) expect(value, `${name}.${field}`).not.toBeNull();
    }
  });
});

describe('the GraphiQL subscription example', () => {
  it('streams a new alert over SSE as GraphiQL sends it (whole document, operation name, Headers tab)', async () => {
    const subscriptions = operations().filter((definition) => definition.operation === 'subscription');
    expect(subscriptions.map((definition) => definition.name?.value)).toEqual(['LiveAlerts']);
    const headers = JSON.parse(options.headers!) as Record<string, string>;
    const controller = new AbortController();
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query: options.defaultQuery, operationName: 'LiveAlerts', variables: {} }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const hub = created.deps.subscriptions;
    await hub.whenSubscribers(1);
    await hub.pollAll(); // the group's first poll: what exists now is not news
    const device = simulator.world.devices.find((candidate) => candidate.status === 'ACTIVE')!;
    const raised = raiseAlert(simulator.world, device);
    await hub.pollAll();
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: next')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    controller.abort();
    const data = /event: next\n(?:id: [^\n]*\n)?data: (.*)\n/.exec(text)?.[1];
    const event = JSON.parse(data ?? '{}') as { data?: { alertRaised: { kind: string; alert: { message: string } } } };
    expect(event.data?.alertRaised.kind).toBe('RAISED');
    expect(event.data?.alertRaised.alert.message).toContain(`Test alert ${raised}`);
  });
});

describe('GraphiQL welcome against a real MDM', () => {
  const welcome = async (env: Record<string, string>) => {
    const config = loadConfig({
      PORT: '0',
      LOG_LEVEL: 'silent',
      AUDIT_LOG_FILE: auditLogFile(),
      EPMM_URL: 'http://127.0.0.1:9',
      ...env,
    });
    const served = await serveGateway(createGateway(config, 'http://127.0.0.1:9'));
    try {
      return await pageOptions(served.url);
    } finally {
      await served.close();
    }
  };

  it('pass-through: asks for the MDM credentials, opens signed out, no simulator', async () => {
    const page = await welcome({});
    expect(page.defaultQuery).toContain('in front of your MDM');
    expect(page.defaultQuery).toContain('"Authorization": "Basic');
    expect(page.defaultQuery).not.toMatch(/signed in as|simulator/);
    expect(page.headers ?? undefined).toBeUndefined();
    expect(page.variables ?? undefined).toBeUndefined();
  });

  it('service mode: asks for a token or an API key', async () => {
    const page = await welcome({
      AUTH_MODE: 'service',
      EPMM_USERNAME: 'svc',
      EPMM_PASSWORD: 'svc-password',
      JWT_SECRET: 's'.repeat(40),
    });
    expect(page.defaultQuery).toContain('"Authorization": "Bearer <JWT>"');
    expect(page.defaultQuery).toContain('x-api-key');
    expect(page.defaultQuery).not.toMatch(/signed in as/);
  });
});
