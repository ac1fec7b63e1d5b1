// Labels: the E22 list as reference data (one call per scope, cached an hour; it also carries each label's
// device count), and each device's labels, read by one of two plans chosen per page by upstream calls
// (src/loaders/device-labels-plan.ts): V25 per device, which EPMM answers one device at a time, or each label's
// members through the v2 search (`labelId`, 200 per call), cached and looked up for every later page.
import DataLoader from 'dataloader';
import type { LabelsPlanMode } from '../config.js';
import { epmmDeviceLabelToModel, epmmListLabelToModel } from '../models/epmm-label.js';
import { EPMM_UUID_FIELD, epmmProjectedDevicesToModels } from '../models/epmm-device.js';
import type { LabelModel } from '../models/label.js';
import { compileDeviceFilter, compileDeviceOrder } from '../upstream/epmm/device-filter.js';
import { EPMM_MAX_PAGE, type DevicePageRequest, type DeviceLoaderDeps } from './devices.js';
import { cacheKey } from '../cache/shared-cache.js';
import { fanOutLoader } from './batching.js';

/**
 * Member searches of the members plan in flight at once: the plan reads whole labels (up to ⌈members / 200⌉ pages
 * each), which for a large fleet is far more rows than a page shows, so it is paced rather than sent in one wave.
 */
const MEMBER_SEARCHES_AT_ONCE = 10;
import { planDeviceLabels, type LabelListState, type PlannedLabel } from './device-labels-plan.js';

export interface LabelLoaders {
  /** Every label the viewer can see, in EPMM's order. */
  labelList(): Promise<LabelModel[]>;
  /** One label by EPMM id, from the list (EPMM has no single-label read). */
  labelByLegacyId(legacyId: number): Promise<LabelModel | null>;
  /** V25, one call per device. */
  labelsByDevice: DataLoader<string, LabelModel[]>;
  /**
   * Device.labels: the devices of one tick (a page) planned together, V25 per device or every label's members,
   * whichever costs fewer calls (`auto`), or the plan `mode` forces. Both answer the same labels in legacyId order.
   */
  deviceLabels(mode: LabelsPlanMode): DataLoader<string, LabelModel[]>;
}

/** A device's labels as both plans answer them: V25's fields (no count, no query: Label reads those from the list). */
function asDeviceLabel(label: LabelModel): LabelModel {
  return { ...label, query: null, deviceCount: null };
}

function byLegacyId(a: LabelModel, b: LabelModel): number {
  return a.legacyId - b.legacyId;
}

/** A gate letting at most `limit` tasks run at once (the members plan's searches share the pool with the page). */
function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  const waiting: Array<() => void> = [];
  let running = 0;
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running += 1;
        task()
          .then(resolve, reject)
          .finally(() => {
            running -= 1;
            waiting.shift()?.();
          });
      };
      if (running < limit) start();
      else waiting.push(start);
    });
}

export function createLabelLoaders(deps: DeviceLoaderDeps): LabelLoaders {
  const { v1Devices, v2Devices } = deps.epmm;
  const referenceKey = cacheKey<LabelModel[]>(deps.scope, 'reference', 'labels');
  // The members plan's own copy of E22, in the device class like the members it names: a label created or deleted
  // in EPMM reaches this plan no later than V25 answers reach the other, and every invalidation of device labels
  // (label and device mutations) drops it.
  const membersListKey = cacheKey<LabelModel[]>(deps.scope, 'device', 'labels:members-list');
  const membersKey = (legacyId: number) => cacheKey<string[]>(deps.scope, 'device', `labels:members:${legacyId}`);
  const v25Key = (uuid: string) => cacheKey<LabelModel[]>(deps.scope, 'device', `labels:${uuid}`);

  const labelList = (): Promise<LabelModel[]> =>
    deps.cache.getOrLoad(
      referenceKey,
      'reference',
      async () => (await v1Devices.labels(deps.caller)).map(epmmListLabelToModel),
      deps.stats,
    );

  /** E22 read for the members plan; the same answer refreshes the reference copy, so one read serves both. */
  const membersList = (): Promise<LabelModel[]> =>
    deps.cache.getOrLoad(
      membersListKey,
      'device',
      async () => {
        const ticket = deps.cache.ticket(deps.scope, 'reference');
        const labels = (await v1Devices.labels(deps.caller)).map(epmmListLabelToModel);
        deps.cache.set(ticket, 'labels', labels);
        return labels;
      },
      deps.stats,
    );

  /**
   * One label's members (their uuids): the search with `labelId` alone (EPMM answers a label with a `query` by an
   * empty page), uuid only, by id so pages do not shift; the first page tells the total, the rest follow.
   */
  const readMembers = async (legacyId: number, run: <T>(task: () => Promise<T>) => Promise<T>) => {
    const { sortField, sortOrder } = compileDeviceOrder(undefined);
    const fields = [EPMM_UUID_FIELD];
    const page = (offset: number) =>
      run(() =>
        deps.epmm.search.searchDevices(deps.caller, {
          query: '',
          labelId: legacyId,
          fields,
          limit: EPMM_MAX_PAGE,
          offset,
          sortField,
          sortOrder,
        }),
      );
    const first = await page(0);
    const rest = [];
    for (let offset = EPMM_MAX_PAGE; offset < first.totalCount; offset += EPMM_MAX_PAGE) rest.push(page(offset));
    const rows = [first, ...(await Promise.all(rest))].flatMap((response) => response.results);
    return epmmProjectedDevicesToModels(rows, fields).map((device) => device.uuid.toLowerCase());
  };

  /** Every label's members for the devices `uuids`, as a device → labels map (labels in legacyId order). */
  const labelsByMembers = async (
    uuids: readonly string[],
    list: readonly LabelModel[],
  ): Promise<Map<string, LabelModel[]>> => {
    const labels = [...list].sort(byLegacyId);
    // One gate for every search of every label, however many labels and pages.
    const run = concurrencyLimit(MEMBER_SEARCHES_AT_ONCE);
    const members = await Promise.all(
      labels.map((label) =>
        // E22 counts the devices of all the admin's spaces, the search those of the space acted in: none there
        // means none here, and needs no call.
        label.deviceCount === 0
          ? []
          : deps.cache.getOrLoad(
              membersKey(label.legacyId),
              'device',
              () => readMembers(label.legacyId, run),
              deps.stats,
            ),
      ),
    );
    const wanted = new Map(uuids.map((uuid) => [uuid.toLowerCase(), [] as LabelModel[]]));
    labels.forEach((label, index) => {
      const asDevice = asDeviceLabel(label);
      for (const uuid of members[index]!) wanted.get(uuid)?.push(asDevice);
    });
    return wanted;
  };

  const labelsByDevice = fanOutLoader<string, LabelModel[]>(
    (uuid) =>
      deps.cache.getOrLoad(
        v25Key(uuid),
        'device',
        // In legacyId order, the members plan's order: EPMM does not document V25's.
        async () =>
          (await v2Devices.deviceLabels(deps.caller, uuid)).results.map(epmmDeviceLabelToModel).sort(byLegacyId),
        deps.stats,
      ),
    { cacheKeyFn: (uuid) => uuid.toLowerCase() },
  );

  /** The list the planner costs the members plan with, and its state (device-labels-plan.ts, LabelListState). */
  const listAtHand = (): { list: LabelListState; labels: LabelModel[] } => {
    const fresh = deps.cache.get(membersListKey);
    if (fresh) return { list: 'cached', labels: fresh };
    const reference = deps.cache.get(referenceKey);
    return reference ? { list: 'stale', labels: reference } : { list: 'absent', labels: [] };
  };
  const planned = (labels: readonly LabelModel[]): PlannedLabel[] =>
    labels.map((label) => ({
      legacyId: label.legacyId,
      deviceCount: label.deviceCount,
      membersCached: label.deviceCount === 0 || deps.cache.get(membersKey(label.legacyId)) !== undefined,
    }));

  const perDevice = (uuids: readonly string[]) => labelsByDevice.loadMany(uuids);

  const plannedLoader = (mode: LabelsPlanMode) =>
    new DataLoader<string, LabelModel[]>(
      async (uuids) => {
        const uncachedDevices = uuids.filter((uuid) => deps.cache.get(v25Key(uuid)) === undefined).length;
        let atHand = listAtHand();
        let plan = planDeviceLabels({ mode, uncachedDevices, list: atHand.list, labels: planned(atHand.labels) });
        if (plan.plan === 'read-list') {
          atHand = { list: 'read-for-plan', labels: await membersList() };
          plan = planDeviceLabels({ mode, uncachedDevices, list: atHand.list, labels: planned(atHand.labels) });
        }
        if (plan.plan !== 'members') return perDevice(uuids);
        let byDevice: Map<string, LabelModel[]>;
        try {
          // The plan's list, unless only the older reference copy was at hand (then the plan counted a fresh read).
          byDevice = await labelsByMembers(uuids, atHand.list === 'stale' ? await membersList() : atHand.labels);
        } catch {
          // A label search refused (say, a label deleted since the list was read): V25 still answers each device.
          return perDevice(uuids);
        }
        return uuids.map((uuid) => byDevice.get(uuid.toLowerCase()) ?? []);
      },
      { cacheKeyFn: (uuid) => uuid.toLowerCase() },
    );
  const plannedLoaders = new Map<LabelsPlanMode, DataLoader<string, LabelModel[]>>();

  return {
    labelList,
    labelByLegacyId: async (legacyId) => (await labelList()).find((label) => label.legacyId === legacyId) ?? null,
    labelsByDevice,
    deviceLabels: (mode) => {
      let loader = plannedLoaders.get(mode);
      if (!loader) plannedLoaders.set(mode, (loader = plannedLoader(mode)));
      return loader;
    },
  };
}

/**
 * A label's devices are a device page with EPMM's `labelId`, built exactly as `devices(filter: {labelId})` builds
 * it, so both share one cache entry and prime the same device-by-uuid loader.
 */
export function labelDevicePageRequest(labelId: number, offset: number, limit: number): DevicePageRequest {
  return { ...compileDeviceFilter({ labelId }), ...compileDeviceOrder(undefined), offset, limit };
}
