// `mdmgraph doctor`: a read-only check of a real EPMM (and Neurons) before rollout. Every probe goes through the
// gateway's own clients and UpstreamHttp (upstream.ts), one call at a time, with the cheapest parameters that
// still exercise the route (limit 1, the first device found). What the graph cannot answer follows from each
// route's outcome: a 403 is a missing role, a 404 an absent route, and the fields that read them fail.
import { connect as tlsConnect } from 'node:tls';
import type { Credential } from '../auth/credentials.js';
import { GatewayError } from '../errors.js';
import { EPMM_DEVICE_FIELDS } from '../models/epmm-device.js';
import { parseBaseUrl } from '../upstream/base-url.js';
import type { DecodeWarning } from '../upstream/decode-warnings.js';
import { EpmmClient, type EpmmCaller } from '../upstream/epmm/client.js';
import { EpmmV2DevicesClient } from '../upstream/epmm/v2-devices-client.js';
import { EpmmDeviceSpacesClient } from '../upstream/epmm/device-spaces-client.js';
import { EPMM_DEVICE_ACTION_ROUTES } from '../upstream/epmm/device-actions-routes.js';
import { EPMM_DEVICE_SPACE_ROUTES } from '../upstream/epmm/device-spaces-routes.js';
import { EPMM_ROUTES } from '../upstream/epmm/routes.js';
import { EpmmV1AdminClient } from '../upstream/epmm/v1-admin-client.js';
import { EPMM_V1_ADMIN_ROUTES } from '../upstream/epmm/v1-admin-routes.js';
import { EpmmV1DevicesClient } from '../upstream/epmm/v1-devices-client.js';
import { EPMM_V1_DEVICE_ROUTES } from '../upstream/epmm/v1-devices-routes.js';
import type { CallRecord } from '../upstream/http.js';
import { NeuronsClient } from '../upstream/neurons/client.js';
import { NEURONS_ROUTES } from '../upstream/neurons/routes.js';
import type { UpstreamRoute } from '../upstream/route.js';
import { DoctorHttp, doctorCredential, type Answer, type ProbeListener } from './upstream.js';

/** The five screens of the read graph (test/helpers/screens.ts), plus the merged list when Neurons is set. */
export type Screen =
  | 'fleet page'
  | 'device page'
  | 'people page'
  | 'label drill-down'
  | 'alert inbox'
  | 'merged device list';

export type ProbeStatus = 'ok' | 'role missing' | 'absent' | 'unauthenticated' | 'failed' | 'skipped';

export interface ProbeResult {
  upstream: 'EPMM' | 'NEURONS';
  /** Catalogue id (docs/upstream-coverage.md); N-PART and N-DEV are Neurons reads outside the catalogue. */
  id: string;
  /** `METHOD /path` without the base URL's prefix, as in metrics and decode warnings. */
  route: string;
  status: ProbeStatus;
  /** HTTP status of the last call (0: no answer). */
  httpStatus: number | null;
  ms: number | null;
  /** The gateway's error code when the probe failed. */
  code?: string;
  detail?: string;
  /** Decode warnings of this route's answers: one entry per field path and kind, with a count. */
  warnings: Array<{ path: string; kind: string; count: number }>;
  /** Graph fields that read this route. */
  fields: string[];
  /** Screens that cannot be served without this route. */
  requiredBy: Screen[];
}

export interface DoctorReport {
  generatedAt: string;
  epmm: UpstreamSummary & {
    deviceSpaces: Array<{ id: number; name: string }>;
  };
  neurons: (UpstreamSummary & { partitions: Array<{ id: number; name: string; defaultPartition: boolean }> }) | null;
  routes: ProbeResult[];
  /** Graph fields that will answer an error instead of data, and why. */
  unavailable: Array<{ field: string; code: string; because: string }>;
  screens: Array<{ screen: Screen; ok: boolean; blockedBy: string[] }>;
  /** False when a main screen cannot be served: the exit code is then non-zero. */
  ok: boolean;
}

export interface UpstreamSummary {
  url: string;
  reachable: boolean;
  reachability: string;
  tls: TlsSummary;
  credentials: 'accepted' | 'rejected' | 'not checked';
  admin: string;
}

export interface TlsSummary {
  used: boolean;
  ok: boolean;
  detail: string;
  subject?: string;
  issuer?: string;
  validTo?: string;
}

export interface DoctorOptions {
  epmmUrl: string;
  neuronsUrl?: string;
  epmmCredentials: { username: string; password: string };
  neuronsCredentials?: { username: string; password: string };
  timeoutMs?: number;
  /** Each JSON answer, for --record. */
  onAnswer?: (upstream: 'EPMM' | 'NEURONS', probeId: string, answer: Answer, status: number) => void;
}

interface ProbeSpec {
  id: string;
  route: UpstreamRoute;
  fields: string[];
  requiredBy?: Screen[];
  /** Why the probe cannot run yet (no device found...); undefined: it can. */
  needs?: () => string | undefined;
  run: () => Promise<unknown>;
}

/**
 * Rows read by the two device searches: few enough to stay cheap, enough for the decode warnings of a varied fleet
 * to show (one record would hide most of them). Every other list asks for its minimum.
 */
const SAMPLE = 10;

const ALL_EPMM_SCREENS: Screen[] = ['fleet page', 'device page', 'people page', 'label drill-down', 'alert inbox'];

/** Runs every probe and builds the report. Never throws for an upstream's failure: that is what it reports. */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const epmm = new Upstream('EPMM', options.epmmUrl, timeoutMs, options.onAnswer);
  const neurons = options.neuronsUrl
    ? new Upstream('NEURONS', options.neuronsUrl, timeoutMs, options.onAnswer)
    : undefined;
  try {
    const routes: ProbeResult[] = [];
    const epmmSummary = await epmm.summary(options.epmmCredentials.username);
    const credential = doctorCredential(options.epmmCredentials.username, options.epmmCredentials.password);
    const spaces = await runEpmm(epmm, credential, routes, epmmSummary);
    let neuronsSummary: DoctorReport['neurons'] = null;
    if (neurons) {
      const creds = options.neuronsCredentials ?? options.epmmCredentials;
      const summary = await neurons.summary(creds.username);
      const partitions = await runNeurons(neurons, doctorCredential(creds.username, creds.password), routes, summary);
      neuronsSummary = { ...summary, partitions };
    }
    const screens = screenVerdicts(routes, neurons !== undefined);
    return {
      generatedAt: new Date().toISOString(),
      epmm: { ...epmmSummary, deviceSpaces: spaces },
      neurons: neuronsSummary,
      routes,
      unavailable: unavailableFields(routes, neurons !== undefined),
      screens,
      ok: epmmSummary.reachable && epmmSummary.credentials === 'accepted' && screens.every((screen) => screen.ok),
    };
  } finally {
    await epmm.close();
    await neurons?.close();
  }
}

/** One upstream: its HTTP layer, and what the current probe saw (calls, warnings). */
class Upstream implements ProbeListener {
  readonly http: DoctorHttp;
  private calls: CallRecord[] = [];
  private warnings: DecodeWarning[] = [];
  private probeId = '';

  constructor(
    readonly name: 'EPMM' | 'NEURONS',
    readonly url: string,
    private readonly timeoutMs: number,
    private readonly answers: DoctorOptions['onAnswer'],
  ) {
    this.http = new DoctorHttp(name, url, timeoutMs, this);
  }

  onCall(call: CallRecord): void {
    this.calls.push(call);
  }

  onDecodeWarning(warning: DecodeWarning): void {
    this.warnings.push(warning);
  }

  onAnswer(answer: Answer): void {
    this.answers?.(this.name, this.probeId, answer, this.calls.at(-1)?.status ?? 200);
  }

  /** Reachability (an unauthenticated ping, any answer below 500) and the TLS handshake. */
  async summary(admin: string): Promise<UpstreamSummary> {
    const tls = await checkTls(this.url, this.timeoutMs);
    const route = this.name === 'EPMM' ? EPMM_ROUTES.ping : NEURONS_ROUTES.devicePartitions;
    const reachable = await this.http.probe(route, this.timeoutMs);
    const reachability = reachable
      ? `answers at ${this.url}`
      : `no answer below HTTP 500 from ${this.url}${tls.used && !tls.ok ? ` (TLS: ${tls.detail})` : ''}`;
    return { url: this.url, reachable, reachability, tls, credentials: 'not checked', admin };
  }

  async probe(spec: ProbeSpec, results: ProbeResult[]): Promise<ProbeResult> {
    this.calls = [];
    this.warnings = [];
    this.probeId = spec.id;
    const base = {
      upstream: this.name,
      id: spec.id,
      route: `${spec.route.method} ${spec.route.path}`,
      fields: spec.fields,
      requiredBy: spec.requiredBy ?? [],
    };
    const missing = spec.needs?.();
    if (missing) {
      const skipped: ProbeResult = {
        ...base,
        status: 'skipped',
        httpStatus: null,
        ms: null,
        detail: missing,
        warnings: [],
      };
      results.push(skipped);
      return skipped;
    }
    let status: ProbeStatus = 'ok';
    let code: string | undefined;
    let detail: string | undefined;
    try {
      await spec.run();
    } catch (error) {
      [status, code, detail] = classify(error);
    }
    const last = this.calls.at(-1);
    // The clients read some 404s as "no data" (E37-E40, E35): the graph answers empty, but an absent route
    // would look the same, so say so.
    if (status === 'ok' && last?.status === 404) detail = 'HTTP 404 read as "no data" (an absent route looks the same)';
    const result: ProbeResult = {
      ...base,
      status,
      httpStatus: last ? last.status : null,
      ms: this.calls.length ? Math.round(this.calls.reduce((sum, call) => sum + call.ms, 0)) : null,
      ...(code ? { code } : {}),
      ...(detail ? { detail } : {}),
      warnings: groupWarnings(this.warnings),
    };
    results.push(result);
    return result;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}

function classify(error: unknown): [ProbeStatus, string | undefined, string | undefined] {
  if (error instanceof GatewayError) {
    const code = error.code;
    const key = error.details.upstreamMessageKey;
    const detail = typeof key === 'string' ? `${error.message} (${key})` : error.message;
    if (code === 'FORBIDDEN') return ['role missing', code, detail];
    if (code === 'NOT_FOUND') return ['absent', code, detail];
    if (code === 'UNAUTHENTICATED') return ['unauthenticated', code, detail];
    return ['failed', code, detail];
  }
  return ['failed', 'INTERNAL_SERVER_ERROR', error instanceof Error ? error.message : String(error)];
}

function groupWarnings(warnings: readonly DecodeWarning[]): ProbeResult['warnings'] {
  const counts = new Map<string, { path: string; kind: string; count: number }>();
  for (const warning of warnings) {
    const key = `${warning.path}\u0000${warning.kind}`;
    const entry = counts.get(key) ?? { path: warning.path, kind: warning.kind, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

interface FirstDevice {
  uuid: string;
  principal?: string;
}

async function runEpmm(upstream: Upstream, credential: Credential, results: ProbeResult[], summary: UpstreamSummary) {
  const http = upstream.http;
  const epmm = new EpmmClient(http);
  const spacesClient = new EpmmDeviceSpacesClient(http);
  const actions = new EpmmV2DevicesClient(http);
  const v1Admin = new EpmmV1AdminClient(http);
  const v1Devices = new EpmmV1DevicesClient(http);
  const v1 = { credential };
  let spaces: Array<{ id: number; name: string }> = [];
  let caller: EpmmCaller | undefined;
  let device: FirstDevice | undefined;
  const needsSpace = () => (caller ? undefined : 'no device space: DS02 did not answer');
  const needsDevice = () => needsSpace() ?? (device ? undefined : 'no device visible to this administrator');
  const needsUser = () => needsDevice() ?? (device?.principal ? undefined : 'the first device has no user');
  const uuid = () => device!.uuid;

  // DS02 first: it proves the credentials and gives the device space every other EPMM call is made in.
  const mine = await upstream.probe(
    {
      id: 'DS02',
      route: EPMM_ROUTES.myDeviceSpaces,
      fields: ['every query (viewer, device space of each call)'],
      requiredBy: ALL_EPMM_SCREENS,
      run: async () => {
        const answer = await epmm.myDeviceSpaces({ credential });
        spaces = answer.results.map((space) => ({ id: space.id, name: space.name }));
        if (spaces[0]) caller = { credential, adminDeviceSpaceId: spaces[0].id };
        else throw new GatewayError('FORBIDDEN', 'The administrator has no device space in EPMM.');
      },
    },
    results,
  );
  summary.credentials =
    mine.status === 'unauthenticated'
      ? 'rejected'
      : mine.httpStatus && mine.httpStatus < 400
        ? 'accepted'
        : 'not checked';
  // Rejected credentials or no answer at all: every other probe would only wait for the same failure.
  if (stopsHere(mine)) return spaces;

  const specs: ProbeSpec[] = [
    {
      id: 'V01',
      route: EPMM_ROUTES.searchDevices,
      fields: [
        'Query.devices',
        'Query.device',
        'Query.users',
        'User.devices',
        'Label.devices',
        'DeviceSpace.devices',
        'Alert.device',
      ],
      requiredBy: ALL_EPMM_SCREENS,
      needs: needsSpace,
      run: async () => {
        const answer = await epmm.searchDevices(caller!, {
          fields: EPMM_DEVICE_FIELDS,
          limit: SAMPLE,
          offset: 0,
          query: '',
        });
        const row = answer.results[0];
        const found = row?.['common.uuid'];
        if (typeof found === 'string') {
          const principal = row['user.user_id'];
          device = { uuid: found, ...(typeof principal === 'string' && principal ? { principal } : {}) };
        }
      },
    },
    {
      id: 'V08',
      route: EPMM_ROUTES.searchFields,
      fields: ['Query.deviceSearchFields'],
      needs: needsSpace,
      run: () => epmm.searchFields(caller!),
    },
    {
      id: 'V09',
      route: EPMM_ROUTES.deviceDetails,
      fields: ['Device.details', 'Device.battery'],
      requiredBy: ['device page'],
      needs: needsDevice,
      run: () => epmm.deviceDetails(caller!, uuid(), { batteryStats: false }),
    },
    {
      id: 'V25',
      route: EPMM_DEVICE_ACTION_ROUTES.deviceLabels,
      fields: ['Device.labels'],
      requiredBy: ['fleet page', 'device page'],
      needs: needsDevice,
      run: () => actions.deviceLabels(caller!, uuid()),
    },
    {
      id: 'V13',
      route: EPMM_DEVICE_ACTION_ROUTES.appCompliance,
      fields: ['Device.appCompliance'],
      requiredBy: ['device page'],
      needs: needsDevice,
      run: () => actions.appCompliance(caller!, uuid()),
    },
    {
      id: 'V24',
      route: EPMM_DEVICE_ACTION_ROUTES.ruleCompliance,
      fields: ['Device.ruleCompliance'],
      requiredBy: ['device page'],
      needs: needsDevice,
      run: () => actions.ruleCompliance(caller!, uuid()),
    },
    {
      id: 'V11',
      route: EPMM_DEVICE_ACTION_ROUTES.simDetails,
      fields: ['Device.simDetails'],
      needs: needsDevice,
      run: () => actions.simDetails(caller!, uuid()),
    },
    {
      id: 'DS01',
      route: EPMM_DEVICE_SPACE_ROUTES.listDeviceSpaces,
      fields: ['Query.deviceSpaces', 'Device.deviceSpace', 'DeviceSpace.*'],
      requiredBy: ['fleet page'],
      needs: needsSpace,
      run: () => spacesClient.listDeviceSpaces(caller!, { limit: 1, offset: 0 }),
    },
    {
      id: 'DS08',
      route: EPMM_DEVICE_SPACE_ROUTES.policyRestrictions,
      fields: ['DeviceSpace.policyRestrictions'],
      needs: needsSpace,
      run: () => spacesClient.policyRestrictions(caller!, caller!.adminDeviceSpaceId),
    },
    {
      id: 'E22',
      route: EPMM_V1_DEVICE_ROUTES.labels,
      fields: ['Query.labels', 'Label.*', 'Device.labels (names)'],
      requiredBy: ['label drill-down'],
      run: () => v1Devices.labels(v1),
    },
    {
      id: 'E02',
      route: EPMM_V1_DEVICE_ROUTES.device,
      fields: ['Device.complianceState'],
      needs: needsDevice,
      run: () => v1Devices.device(v1, uuid()),
    },
    {
      id: 'E28',
      route: EPMM_V1_DEVICE_ROUTES.profiles,
      fields: ['Device.profiles'],
      needs: needsDevice,
      run: () => v1Devices.profiles(v1, uuid()),
    },
    {
      id: 'E47',
      route: EPMM_V1_ADMIN_ROUTES.deviceAppSettings,
      fields: ['Device.appSettings'],
      needs: needsDevice,
      run: () => v1Admin.deviceAppSettings(v1, uuid()),
    },
    {
      id: 'E30',
      route: EPMM_V1_ADMIN_ROUTES.activeSyncDevices,
      fields: ['Device.activeSync', 'User.activeSync'],
      run: () => v1Admin.activeSyncDevices(v1),
    },
    {
      id: 'E37',
      route: EPMM_V1_ADMIN_ROUTES.alerts,
      fields: ['Query.alerts'],
      requiredBy: ['alert inbox'],
      // Unread only: the inbox's own filter, and fewer rows than every alert ever raised.
      run: () => v1Admin.alerts(v1, { read: false }),
    },
    {
      id: 'E39',
      route: EPMM_V1_ADMIN_ROUTES.alertsByUser,
      fields: ['User.alerts', 'User.unreadAlertCount', 'Device.alerts'],
      requiredBy: ['people page', 'device page'],
      needs: needsUser,
      run: () => v1Admin.alertsByUser(v1, device!.principal!, { read: false }),
    },
    {
      id: 'E43',
      route: EPMM_V1_ADMIN_ROUTES.policies,
      fields: ['Query.policies', 'Policy.*'],
      run: () => v1Admin.policies(v1),
    },
    {
      id: 'E44',
      route: EPMM_V1_ADMIN_ROUTES.devicePolicies,
      fields: ['Device.policies'],
      requiredBy: ['device page'],
      needs: needsDevice,
      run: () => v1Admin.devicePolicies(v1, uuid()),
    },
    {
      id: 'E24',
      route: EPMM_V1_DEVICE_ROUTES.countries,
      fields: ['Query.countries'],
      run: () => v1Devices.countries(v1),
    },
    {
      id: 'E23',
      route: EPMM_V1_DEVICE_ROUTES.operators,
      fields: ['Query.operators'],
      run: () => v1Devices.operators(v1),
    },
    {
      id: 'E34',
      route: EPMM_V1_ADMIN_ROUTES.findUser,
      fields: ['Query.user', 'Query.users(search)'],
      needs: needsUser,
      run: () => v1Admin.findUser(v1, device!.principal!),
    },
    {
      id: 'E35',
      route: EPMM_V1_ADMIN_ROUTES.searchLdapUsers,
      fields: ['Query.users(search)'],
      needs: needsUser,
      run: () => v1Admin.searchLdapUsers(v1, device!.principal!),
    },
  ];
  for (const spec of specs) await upstream.probe(spec, results);
  return spaces;
}

async function runNeurons(
  upstream: Upstream,
  credential: Credential,
  results: ProbeResult[],
  summary: UpstreamSummary,
) {
  const client = new NeuronsClient(upstream.http);
  const caller = { credential };
  let partitions: Array<{ id: number; name: string; defaultPartition: boolean }> = [];
  let userGroupId: number | undefined;
  let deviceGroupId: number | undefined;
  let deviceId: number | undefined;
  const partition = () => (partitions.find((candidate) => candidate.defaultPartition) ?? partitions[0])!.id;
  const needsPartition = () => (partitions.length ? undefined : 'no device partition visible to this administrator');
  const first = await upstream.probe(
    {
      id: 'N-PART',
      route: NEURONS_ROUTES.devicePartitions,
      fields: ['Query.devices(source: NEURONS)', 'Query.groups', 'Device.deviceSpace (Neurons)', 'Device.groups'],
      requiredBy: ['merged device list'],
      run: async () => {
        const page = await client.listDevicePartitions(caller);
        partitions = page.searchResults.map((found) => ({
          id: found.id,
          name: found.name,
          defaultPartition: found.defaultPartition,
        }));
      },
    },
    results,
  );
  summary.credentials =
    first.status === 'unauthenticated'
      ? 'rejected'
      : first.httpStatus && first.httpStatus < 400
        ? 'accepted'
        : 'not checked';
  if (stopsHere(first)) return partitions;
  const specs: ProbeSpec[] = [
    {
      id: 'NG13',
      route: NEURONS_ROUTES.searchDevices,
      fields: ['Query.devices(source: NEURONS)', 'Group.devices'],
      requiredBy: ['merged device list'],
      needs: needsPartition,
      run: async () => {
        const page = await client.searchDevices(caller, { dmPartitionId: partition(), rows: SAMPLE, start: 0 });
        deviceId = page.searchResults[0]?.id;
      },
    },
    {
      id: 'N-DEV',
      route: NEURONS_ROUTES.getDevice,
      fields: ['Query.node (Neurons device)', 'Device.groups (Neurons)'],
      needs: () => needsPartition() ?? (deviceId === undefined ? 'no Neurons device found' : undefined),
      run: () => client.getDevice(caller, deviceId!, partition()),
    },
    {
      id: 'NG02',
      route: NEURONS_ROUTES.listUserGroups,
      fields: ['Query.groups (user groups)'],
      run: async () => {
        const page = await client.listUserGroups(caller, { start: 0, rows: 1 });
        userGroupId = page.searchResults[0]?.id;
      },
    },
    {
      id: 'NG04',
      route: NEURONS_ROUTES.listUserGroups,
      fields: ['Query.groupDeleteViability'],
      needs: () => (userGroupId === undefined ? 'no user group found' : undefined),
      run: () => client.checkDeleteViability(caller, [userGroupId!]),
    },
    {
      id: 'NG10',
      route: NEURONS_ROUTES.listDeviceGroups,
      fields: ['Query.groups (device groups)', 'Device.groups'],
      requiredBy: ['device page'],
      needs: needsPartition,
      run: async () => {
        const page = await client.listDeviceGroups(caller, partition(), {
          memberCount: false,
          assignedPoliciesAndConfigs: false,
        });
        deviceGroupId = page.searchResults[0]?.id;
      },
    },
    {
      id: 'NG11',
      route: NEURONS_ROUTES.getDeviceGroup,
      fields: ['Query.group', 'Group.*'],
      needs: () => needsPartition() ?? (deviceGroupId === undefined ? 'no device group found' : undefined),
      run: () => client.getDeviceGroup(caller, deviceGroupId!, partition()),
    },
  ];
  for (const spec of specs) await upstream.probe(spec, results);
  return partitions;
}

function stopsHere(first: ProbeResult): boolean {
  return (
    first.status === 'unauthenticated' || first.code === 'UPSTREAM_UNAVAILABLE' || first.code === 'UPSTREAM_TIMEOUT'
  );
}

function screenVerdicts(routes: readonly ProbeResult[], neurons: boolean): DoctorReport['screens'] {
  const screens: Screen[] = [...ALL_EPMM_SCREENS, ...(neurons ? (['merged device list'] as const) : [])];
  return screens.map((screen) => {
    // A skipped probe (no device in the fleet) does not block: the screen is simply empty.
    const blockedBy = routes
      .filter((route) => route.requiredBy.includes(screen) && route.status !== 'ok' && route.status !== 'skipped')
      .map((route) => `${route.id} ${route.route}: ${route.status}`);
    return { screen, ok: blockedBy.length === 0, blockedBy };
  });
}

const CODE_OF: Partial<Record<ProbeStatus, string>> = {
  'role missing': 'FORBIDDEN',
  absent: 'NOT_FOUND',
  unauthenticated: 'UNAUTHENTICATED',
};

function unavailableFields(routes: readonly ProbeResult[], neurons: boolean): DoctorReport['unavailable'] {
  const out: DoctorReport['unavailable'] = [];
  for (const route of routes) {
    if (route.status === 'ok' || route.status === 'skipped') continue;
    const http = route.httpStatus ? ` (HTTP ${route.httpStatus})` : '';
    const because = `${route.id} ${route.route}: ${route.status}${http}`;
    const code = CODE_OF[route.status] ?? route.code ?? 'UPSTREAM_ERROR';
    for (const field of route.fields) out.push({ field, code, because });
  }
  if (!neurons) {
    const because = 'NEURONS_URL is not set';
    for (const field of ['Query.groups', 'Device.groups', 'Query.devices(source: NEURONS)'])
      out.push({ field, code: 'NOT_SUPPORTED_BY_SOURCE', because });
  }
  return out;
}

/** The TLS handshake on its own, for what a failed call would only call "could not be reached". */
export async function checkTls(url: string, timeoutMs: number): Promise<TlsSummary> {
  const { origin } = parseBaseUrl(url);
  const parsed = new URL(origin);
  if (parsed.protocol !== 'https:')
    return { used: false, ok: true, detail: 'not used (http://): credentials travel in clear text' };
  return new Promise<TlsSummary>((resolve) => {
    const socket = tlsConnect({
      host: parsed.hostname,
      port: Number(parsed.port || 443),
      servername: parsed.hostname,
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ used: true, ok: false, detail: `no TLS handshake within ${timeoutMs} ms` });
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      const authorized = socket.authorized;
      const detail = authorized
        ? `${socket.getProtocol() ?? 'TLS'}, certificate trusted`
        : `certificate not trusted: ${String(socket.authorizationError)}`;
      socket.end();
      resolve({
        used: true,
        ok: authorized,
        detail,
        ...(cert?.subject ? { subject: String(cert.subject.CN ?? '') } : {}),
        ...(cert?.issuer ? { issuer: String(cert.issuer.CN ?? cert.issuer.O ?? '') } : {}),
        ...(cert?.valid_to ? { validTo: cert.valid_to } : {}),
      });
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      resolve({ used: true, ok: false, detail: error.message });
    });
  });
}
