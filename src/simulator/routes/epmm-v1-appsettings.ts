// EPMM v1 application settings (catalogue E46/E47): all settings (optionally of one type) with their labels and
// device counts, and the settings a device receives through its labels.
import { APP_SETTING_TYPES, type SimAppSetting } from '../fleet/app-settings.js';
import type { SimAdmin, SimDevice, SimLabel, World } from '../fleet/types.js';
import { ParamError } from '../http/params.js';
import type { RouteDefinition } from '../http/route.js';
import { deviceHasLabel } from '../labels.js';
import {
  v1Body,
  v1Entries,
  v1Error,
  v1ErrorBodyFor,
  v1List,
  v1Messages,
  V1_ROLES,
  V1_ROOT,
  type V1Object,
  type V1Value,
} from '../v1/json.js';
import { v1Text } from '../v1/params.js';
import { v1Scope } from '../v1/scope.js';

const ROOT = V1_ROOT.appSettings;
/** 67 = ASCII 'C' (Current); 68 = 'D' (Deleted) is for settings being removed, which this fleet never has. */
const STATE_CURRENT = 67;

interface Counts {
  applied: number;
  pending: number;
  quarantined: number;
}

/** Each setting with its label objects, resolved once rather than per device. */
function withLabels(
  world: World,
  settings: readonly SimAppSetting[],
): Array<{ setting: SimAppSetting; labels: SimLabel[] }> {
  return settings.map((setting) => ({
    setting,
    labels: setting.labelIds
      .map((id) => world.labels.find((label) => label.id === id))
      .filter((label): label is SimLabel => label !== undefined),
  }));
}

function receives(device: SimDevice, labels: readonly SimLabel[]): boolean {
  if (device.status === 'RETIRED' || device.status === 'WIPED') return false;
  return labels.some((label) => deviceHasLabel(device, label));
}

function settingCounts(world: World, admin: SimAdmin, settings: readonly SimAppSetting[]): Map<number, Counts> {
  const counts = new Map(settings.map((setting) => [setting.id, { applied: 0, pending: 0, quarantined: 0 }]));
  const inScope = v1Scope(world, admin);
  const resolved = withLabels(world, settings);
  for (const device of world.devices) {
    if (!inScope(device)) continue;
    for (const { setting, labels } of resolved) {
      if (!receives(device, labels)) continue;
      const count = counts.get(setting.id)!;
      // Quarantine removes the configuration from the device: counted apart, as the document describes.
      if (device.quarantined) count.quarantined += 1;
      else if (device.status === 'PENDING') count.pending += 1;
      else count.applied += 1;
    }
  }
  return counts;
}

/** Directly repeated elements (`<labels>`, `<labelNames>`): one is a value, several an array, none absent. */
function repeated(record: V1Object, key: string, items: readonly V1Value[]): void {
  if (items.length > 0) record[key] = items.length === 1 ? items[0] : [...items];
}

function settingRecord(world: World, setting: SimAppSetting, counts: Counts): V1Object {
  const record: V1Object = {
    id: setting.id,
    name: setting.name,
    description: setting.description,
    appType: setting.appType,
    deviceCount: counts.applied,
    pendingCount: counts.pending,
    quarantinedCount: counts.quarantined,
    type: setting.origin,
    clearCertificateCacheForScepSetting: false,
  };
  repeated(record, 'labels', setting.labelIds);
  repeated(
    record,
    'labelNames',
    setting.labelIds.map((id) => world.labels.find((label) => label.id === id)?.name ?? ''),
  );
  record.properties = v1Entries(setting.properties.map(({ key, value }) => [key, value] as const));
  return record;
}

/** E47's variant: no counts ("not applicable", 0), a `state`, and no quarantinedCount, labels or labelNames (as its sample). */
function deviceSettingRecord(setting: SimAppSetting): V1Object {
  return {
    id: setting.id,
    name: setting.name,
    description: setting.description,
    appType: setting.appType,
    deviceCount: 0,
    pendingCount: 0,
    type: setting.origin,
    state: STATE_CURRENT,
    clearCertificateCacheForScepSetting: false,
    properties: v1Entries(setting.properties.map(({ key, value }) => [key, value] as const)),
  };
}

function listBody(records: V1Object[]): V1Object {
  // "settting" (sic) and the leading space are the document's.
  return v1Body(ROOT, {
    messages: v1Messages(` ${records.length} application settting(s) returned.`),
    appSettings: v1List('appSetting', records),
  });
}

const common = { roles: V1_ROLES, errorBody: v1ErrorBodyFor(ROOT) };

export const epmmV1AppSettingRoutes: RouteDefinition[] = [
  {
    ...common,
    method: 'GET',
    path: '/api/v1/appsettings',
    summary: 'Get all application settings, optionally of one type (E46)',
    catalogueIds: ['E46'],
    query: {
      type: {
        type: 'string',
        description: `Filter on appType: ${APP_SETTING_TYPES.join(', ')}. SCEP covers all certificate enrollment settings.`,
      },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        '`appSettingsWebServiceResponse` with `messages` (" N application settting(s) returned.", sic) and `appSettings.appSetting`. 404 when none matches.',
    },
    handle({ world, admin, rawQuery }) {
      const type = v1Text(rawQuery, 'type')?.trim().toUpperCase();
      if (type !== undefined && !APP_SETTING_TYPES.some((candidate) => candidate === type)) {
        throw new ParamError('type', `type: must be one of ${APP_SETTING_TYPES.join(', ')}.`);
      }
      const settings = world.appSettings.filter((setting) => type === undefined || setting.appType === type);
      if (settings.length === 0) throw v1Error(ROOT, 404, 'No application settings found.');
      const counts = settingCounts(world, admin, settings);
      return {
        status: 200,
        body: listBody(settings.map((setting) => settingRecord(world, setting, counts.get(setting.id)!))),
      };
    },
  },
  {
    ...common,
    method: 'GET',
    path: '/api/v1/appsettings/devices/:uuid',
    summary: 'Get the application settings of a device (E47)',
    catalogueIds: ['E47'],
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        'As E46, with `state` (67 = Current), counts 0 and no quarantinedCount, labels or labelNames. 404 for an unknown device or one without settings.',
    },
    handle({ world, admin, params }) {
      const device = visibleDevice(world, admin, params.uuid);
      const settings = withLabels(world, world.appSettings)
        .filter(({ labels }) => receives(device, labels))
        .map(({ setting }) => setting);
      if (settings.length === 0) throw v1Error(ROOT, 404, `No application settings found for device: ${params.uuid}`);
      return { status: 200, body: listBody(settings.map(deviceSettingRecord)) };
    },
  },
];

/** The device if the admin may see it; otherwise a 404 in this service's envelope, as for an unknown device. */
function visibleDevice(world: World, admin: SimAdmin, uuid: string): SimDevice {
  const device = world.devicesByUuid.get(uuid.trim().toLowerCase());
  if (!device || !v1Scope(world, admin)(device)) throw v1Error(ROOT, 404, `No device found with uuid: ${uuid}`);
  return device;
}
