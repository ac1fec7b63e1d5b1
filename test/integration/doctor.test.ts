// `mdmgraph doctor` against the simulator: the table and JSON, the exit code (ready, a fault, a missing role,
// nothing listening, a bad URL), that it never sends a state-changing call, and that --record masks the fleet's
// personal data while keeping ids consistent across files.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../../src/doctor/checks.js';
import { doctorCommand } from '../../src/doctor/cli.js';
import { Masker } from '../../src/doctor/mask.js';
import type { RecordedAnswer } from '../../src/doctor/record.js';
import { startSimulator, type RunningSimulator } from '../../src/simulator/server.js';
import { EPMM_DEVICE_ACTION_ROUTES } from '../../src/upstream/epmm/device-actions-routes.js';
import { EPMM_DEVICE_SPACE_ROUTES } from '../../src/upstream/epmm/device-spaces-routes.js';
import { EPMM_ROUTES } from '../../src/upstream/epmm/routes.js';
import { EPMM_V1_ADMIN_ROUTES } from '../../src/upstream/epmm/v1-admin-routes.js';
import { EPMM_V1_DEVICE_ROUTES } from '../../src/upstream/epmm/v1-devices-routes.js';
import { NEURONS_ROUTES } from '../../src/upstream/neurons/routes.js';
import type { UpstreamRoute } from '../../src/upstream/route.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const AUDIT = join(mkdtempSync(join(tmpdir(), 'mdmgraph-doctor-')), 'audit.jsonl');

/** Every route the gateway may call, by simulator stats key (Neurons under the simulator's /neurons). */
const ROUTES = new Map<string, UpstreamRoute>();
for (const table of [
  EPMM_ROUTES,
  EPMM_DEVICE_ACTION_ROUTES,
  EPMM_DEVICE_SPACE_ROUTES,
  EPMM_V1_ADMIN_ROUTES,
  EPMM_V1_DEVICE_ROUTES,
]) {
  for (const route of Object.values(table) as UpstreamRoute[]) ROUTES.set(`${route.method} ${route.path}`, route);
}
for (const route of Object.values(NEURONS_ROUTES) as UpstreamRoute[])
  ROUTES.set(`${route.method} /neurons${route.path}`, route);

async function doctor(sim: RunningSimulator, args: string[] = [], user = 'miadmin') {
  let out = '';
  const env = { EPMM_USERNAME: user, EPMM_PASSWORD: user, AUDIT_LOG_FILE: AUDIT };
  const code = await doctorCommand(
    ['--epmm-url', sim.url, '--neurons-url', `${sim.url}/neurons`, ...args],
    env,
    (text) => {
      out += text;
    },
  );
  return { code, out };
}

async function stats(sim: RunningSimulator): Promise<Record<string, number>> {
  return ((await (await fetch(`${sim.url}/__sim/stats`)).json()) as { byRoute: Record<string, number> }).byRoute;
}

async function faults(sim: RunningSimulator, list: unknown[]): Promise<void> {
  await fetch(`${sim.url}/__sim/config`, { method: 'POST', body: JSON.stringify({ faults: list }) });
}

/** Only idempotent GETs reached the simulator, and each one is a route of the gateway's allow-lists. */
async function expectReadOnly(sim: RunningSimulator): Promise<void> {
  const seen = Object.entries(await stats(sim)).filter(([, count]) => count > 0);
  expect(seen.length).toBeGreaterThan(10);
  for (const [key] of seen) {
    expect(key).toMatch(/^GET /);
    expect(ROUTES.get(key)?.idempotent, key).toBe(true);
  }
}

const realisms = ['strict', 'varied'] as const;

describe.each(realisms)('doctor against the simulator (%s)', (realism) => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ devices: 40, seed: 9, realism });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await faults(sim, []);
    await fetch(`${sim.url}/__sim/stats/reset`, { method: 'POST' });
  });

  it('prints the table, exits 0, and sends nothing but allow-listed reads', async () => {
    const { code, out } = await doctor(sim);
    expect(out).toMatch(/EPMM: http:\/\/127\.0\.0\.1:\d+\n {2}reachable: {6}yes/);
    expect(out).toMatch(/credentials: {4}accepted \(miadmin\)/);
    expect(out).toMatch(/device spaces: {2}1 Global/);
    expect(out).toMatch(/partitions: {5}\d+ .*\(default\)/);
    expect(out).toMatch(/^V01 +GET \/api\/v2\/devices +ok +200 /m);
    expect(out).toMatch(/^NG13 +Neurons GET \/api\/v1\/device +ok +200 /m);
    expect(out).toContain('Verdict: ready');
    if (realism === 'varied') expect(out).toMatch(/^ {2}NG13 GET \/api\/v1\/device: searchResults\[\]\.\w+ \w+ x\d+$/m);
    expect(code).toBe(0);
    await expectReadOnly(sim);
  });

  it('--json parses and names every probed route with status, latency and decode warnings', async () => {
    const { code, out } = await doctor(sim, ['--json']);
    const report = JSON.parse(out) as DoctorReport;
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.epmm).toMatchObject({ reachable: true, credentials: 'accepted', tls: { used: false } });
    expect(report.epmm.deviceSpaces).toEqual([{ id: 1, name: 'Global' }]);
    expect(report.neurons?.partitions.length).toBeGreaterThan(0);
    for (const route of report.routes) {
      expect(route.status, route.id).toBe('ok');
      expect(route.ms, route.id).toBeGreaterThanOrEqual(0);
      expect(Array.isArray(route.warnings)).toBe(true);
    }
    expect(report.screens.every((screen) => screen.ok)).toBe(true);
    const warnings = report.routes.flatMap((route) => route.warnings.map((warning) => ({ id: route.id, ...warning })));
    if (realism === 'strict') {
      expect(warnings).toEqual([]);
    } else {
      // The varied simulator answers as real servers do: decoded leniently, and reported by route and field path.
      expect(warnings).toContainEqual({
        id: 'NG13',
        path: 'searchResults[].deviceName',
        kind: 'variant',
        count: expect.any(Number),
      });
      expect(warnings).toContainEqual(
        expect.objectContaining({ id: 'V01', path: expect.stringMatching(/^results\[\]\./) }),
      );
      // Field paths only, never a value.
      expect(warnings.every((warning) => /^[\w.[\]*]+$/.test(warning.path))).toBe(true);
    }
  });

  it('exits non-zero when the device search fails, naming the screens it blocks', async () => {
    await faults(sim, [{ route: 'GET /api/v2/devices', status: 503 }]);
    const { code, out } = await doctor(sim, ['--json']);
    const report = JSON.parse(out) as DoctorReport;
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.routes.find((route) => route.id === 'V01')).toMatchObject({
      status: 'failed',
      httpStatus: 503,
      code: 'UPSTREAM_UNAVAILABLE',
    });
    expect(report.screens.find((screen) => screen.screen === 'fleet page')).toMatchObject({ ok: false });
    expect(report.unavailable).toContainEqual(
      expect.objectContaining({ field: 'Query.devices', code: 'UPSTREAM_UNAVAILABLE' }),
    );
    await expectReadOnly(sim);
  });

  it('reports a missing role with the fields the graph will refuse', async () => {
    const { out } = await doctor(sim, ['--json'], 'viewer');
    const report = JSON.parse(out) as DoctorReport;
    const refused = report.routes.filter((route) => route.status === 'role missing');
    expect(refused.length).toBeGreaterThan(0);
    for (const route of refused) {
      expect(route.httpStatus).toBe(403);
      for (const field of route.fields)
        expect(report.unavailable).toContainEqual({
          field,
          code: 'FORBIDDEN',
          because: expect.stringContaining(route.id),
        });
    }
    expect(report.ok).toBe(report.screens.every((screen) => screen.ok));
  });

  it('reports absent routes with the fields they serve', async () => {
    await faults(sim, [{ route: 'GET /api/v2/devices/:uuid/appcompliance', status: 404 }]);
    const { out } = await doctor(sim, ['--json']);
    const report = JSON.parse(out) as DoctorReport;
    expect(report.routes.find((route) => route.id === 'V13')).toMatchObject({ status: 'absent', httpStatus: 404 });
    expect(report.unavailable).toContainEqual(
      expect.objectContaining({ field: 'Device.appCompliance', code: 'NOT_FOUND' }),
    );
    expect(report.screens.find((screen) => screen.screen === 'device page')).toMatchObject({ ok: false });
  });

  it('--record masks names, e-mails, phone numbers, IMEIs and serials, keeping ids consistent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mdmgraph-doctor-record-'));
    const { code } = await doctor(sim, ['--record', dir]);
    expect(code).toBe(0);
    const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
    expect(files).toContain('report.json');
    const text = files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
    expect(text).not.toContain('miadmin');
    expect(text).not.toMatch(/authorization|Basic [A-Za-z0-9+/=]{8,}/i);

    const { world } = sim;
    const personal = new Set<string>();
    for (const user of world.users)
      for (const value of [user.userId, user.firstName, user.lastName, user.displayName, user.email])
        personal.add(value);
    for (const device of world.devices) {
      for (const value of [device.deviceName, device.phoneNumber, device.imei, device.serialNumber, device.wifiMac])
        if (value) personal.add(value);
      if (device.phoneNumber) personal.add(device.phoneNumber.replace(/\D/g, ''));
    }
    // Four characters at least: masking keeps each word's shape with random letters (src/doctor/mask.ts), so among
    // the hundreds of masked short names one comes out as a real three-letter name ("Wei") now and then; short
    // names go through the same masking as long ones, which this still checks.
    const leaked = [...personal].filter(
      (value) =>
        value.length >= 4 && new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(value)}($|[^\\p{L}\\p{N}])`, 'u').test(text),
    );
    expect(leaked).toEqual([]);

    // The device found by the search is the one every per-device file names, under the same pseudonym.
    const read = (probe: string) =>
      JSON.parse(
        readFileSync(join(dir, files.find((file) => file.endsWith(`-${probe}.json`))!), 'utf8'),
      ) as RecordedAnswer;
    const search = read('V01');
    const row = (search.body as { results: Array<Record<string, string>> }).results[0];
    expect(world.devicesByUuid.has(row['common.uuid'])).toBe(false);
    for (const probe of ['V09', 'V25', 'V13', 'E02', 'E28', 'E44'])
      expect(read(probe).pathParams.uuid, probe).toBe(row['common.uuid']);
    expect(read('E34').pathParams.userName).toBe(row['user.user_id']);
    const account = (
      read('E34').body as { securityManagementWebServiceResponse: { user: { principal: string; email: string } } }
    ).securityManagementWebServiceResponse.user;
    expect(account).toMatchObject({ principal: row['user.user_id'], email: row['user.email_address'] });
    expect(row['user.email_address']).toMatch(/^[^@\s]+@[a-z0-9-]+\.example$/);
  });
});

describe('doctor without a server to talk to', () => {
  it('exits non-zero when nothing listens, saying so', async () => {
    let out = '';
    const env = { EPMM_USERNAME: 'miadmin', EPMM_PASSWORD: 'miadmin', AUDIT_LOG_FILE: AUDIT, EPMM_TIMEOUT_MS: '2000' };
    const code = await doctorCommand(['--epmm-url', 'http://127.0.0.1:9/company', '--json'], env, (text) => {
      out += text;
    });
    const report = JSON.parse(out) as DoctorReport;
    expect(code).toBe(1);
    expect(report.epmm).toMatchObject({
      url: 'http://127.0.0.1:9/company',
      reachable: false,
      credentials: 'not checked',
    });
  });

  it('refuses a bad URL or missing credentials before any call', async () => {
    const env = { EPMM_USERNAME: 'a', EPMM_PASSWORD: 'b', AUDIT_LOG_FILE: AUDIT };
    await expect(doctorCommand(['--epmm-url', 'epmm.example.com'], env, () => undefined)).rejects.toThrow(
      /^--epmm-url: must be an absolute URL/,
    );
    await expect(doctorCommand([], { ...env, EPMM_URL: 'https://h/x?y' }, () => undefined)).rejects.toThrow(
      /EPMM_URL: must not have a query/,
    );
    await expect(
      doctorCommand(['--epmm-url', 'https://h'], { AUDIT_LOG_FILE: AUDIT }, () => undefined),
    ).rejects.toThrow(/EPMM_USERNAME and EPMM_PASSWORD/);
  });
});

describe('the CLI', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ devices: 20, seed: 4 });
  });
  afterAll(() => sim.close());

  it('mdmgraph doctor: a fault prints the table and exits 1; a bad URL exits 2 with one line', async () => {
    const env = {
      ...process.env,
      EPMM_USERNAME: 'miadmin',
      EPMM_PASSWORD: 'miadmin',
      AUDIT_LOG_FILE: AUDIT,
      NEURONS_URL: '',
    };
    const cli = (args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'doctor', ...args], { cwd: ROOT, env }).then(
        ({ stdout }) => ({ code: 0, stdout, stderr: '' }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          stdout: error.stdout,
          stderr: error.stderr,
        }),
      );
    // Exit code 0 and the table are asserted in-process above; a process start costs seconds on a busy machine.
    await faults(sim, [{ route: 'GET /api/v2/devices', status: 503 }]);
    const failing = await cli(['--epmm-url', sim.url]);
    expect(failing.stdout).toMatch(/^V01 +GET \/api\/v2\/devices +failed +503 /m);
    expect(failing.stdout).toContain('Neurons: not configured');
    expect(failing.stdout).toContain('Verdict: NOT ready');
    expect(failing.code).toBe(1);

    const bad = await cli(['--epmm-url', 'ftp://example.com']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^--epmm-url: must start with http/)]);
  }, 60_000);
});

describe('Masker', () => {
  it('maps the same value to the same fake of the same shape, and different values apart', () => {
    const masker = new Masker();
    const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(masker.value(uuid, 'uuid')).toBe(masker.value(uuid, 'uuid'));
    expect(masker.value(uuid, 'uuid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(masker.value('+491701234567', 'phone')).toMatch(/^\+\d{12}$/);
    expect(masker.value('Ann Lee', 'name')).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2}$/);
    const masked = masker.json({
      user: { email: 'ann.lee@acme.com' },
      message: 'Ann Lee lost her phone',
      imei: 356938035643809,
    }) as Record<string, unknown>;
    expect(JSON.stringify(masked)).not.toMatch(/Ann Lee|acme|356938035643809/);
    expect(masked.message).toBe(`${masker.value('Ann Lee', 'name')} lost her phone`);
    const fakes = new Set(Array.from({ length: 200 }, (_, i) => masker.value(String(i).padStart(3, '0'), 'imei')));
    expect(fakes.size).toBe(200);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
