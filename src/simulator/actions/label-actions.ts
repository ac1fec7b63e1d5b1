// V16/V17: apply or remove labels, named in the path, on devices. The answer has one record per label with the
// devices it now covers; deviceResults holds failures only (the samples return `{}` on success).
import type { SimDevice, SimLabel, World } from '../fleet/types.js';
import { findInScope } from './bulk-request.js';
import { ActionOutcome, FAILURE, type LongActionResponse } from './outcomes.js';

export interface LabelRecord {
  uuid: null;
  id: null;
  principal: null;
  deviceSpaceId: number;
  deviceSpacePath: string;
  label: string;
  device: Array<{ uuid: string }>;
}

export interface LabelRun {
  world: World;
  now: number;
  inScope: (device: SimDevice) => boolean;
  adminDeviceSpaceId: number;
  labelNames: string[];
  deviceUuids: string[];
  mode: 'add' | 'remove';
}

/** Label names are matched case-insensitively: the documents' sample sends `ios` for the label called iOS. */
export function findLabelByName(world: World, name: string): SimLabel | undefined {
  const lower = name.toLowerCase();
  return world.labels.find((label) => label.name.toLowerCase() === lower);
}

export function runLabelAction(run: LabelRun): LongActionResponse<LabelRecord> {
  const outcome = new ActionOutcome(run.mode === 'add' ? 'APPLY_LABEL_TO_DEVICES' : 'REMOVE_LABEL_FROM_DEVICES', false);
  const labels: Array<{ name: string; label: SimLabel }> = [];
  for (const name of run.labelNames) {
    const label = findLabelByName(run.world, name);
    // Label failures are keyed by the name as sent; the key type is undocumented (see docs/decisions.md).
    if (!label) outcome.failure(name, FAILURE.labelNotFound);
    else if (label.builtIn) outcome.failure(name, FAILURE.dynamicLabel);
    else labels.push({ name, label });
  }
  const devices: SimDevice[] = [];
  for (const uuid of run.deviceUuids) {
    const device = findInScope(run.world, uuid, run.inScope);
    if (!device) outcome.failure(uuid, FAILURE.deviceNotFound);
    else devices.push(device);
  }
  if (labels.length > 0) {
    for (const device of devices) {
      for (const { label } of labels) {
        if (run.mode === 'add') device.labelIds.add(label.id);
        else device.labelIds.delete(label.id);
      }
      device.modifiedAt = run.now;
      outcome.success(device.uuid);
    }
  }
  const space = run.world.spaces.find((candidate) => candidate.id === run.adminDeviceSpaceId);
  const records = labels.map(({ name }) => ({
    uuid: null,
    id: null,
    principal: null,
    deviceSpaceId: run.adminDeviceSpaceId,
    deviceSpacePath: space?.path ?? `/${run.adminDeviceSpaceId}/`,
    label: name,
    device: devices.map((device) => ({ uuid: device.uuid })),
  }));
  // One device and two labels give resultCount 1 in the samples: it counts devices, not labels.
  return outcome.long(labels.length > 0 ? records : [], labels.length > 0 ? devices.length : 0);
}
