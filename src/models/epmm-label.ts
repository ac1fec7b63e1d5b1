// The one mapper from EPMM's label shapes (v1 E22 list rows and v2 V25 per-device rows) to LabelModel.
import type { V1LabelsResponse } from '../upstream/epmm/v1-dto.js';
import type { DeviceLabelsResponse } from '../upstream/epmm/device-actions-dto.js';
import type { LabelModel } from './label.js';

type E22Label = V1LabelsResponse['labels'][number];
type V25Label = DeviceLabelsResponse['results'][number];

function emptyToNull(text: string | null | undefined): string | null {
  return text === undefined || text === null || text.trim() === '' ? null : text;
}

/** E22: negative ids are EPMM's built-in labels; `deviceCount` counts the devices of the admin's spaces. */
export function epmmListLabelToModel(label: E22Label): LabelModel {
  return {
    kind: 'Label',
    source: 'EPMM',
    legacyId: label.id,
    name: label.name,
    description: emptyToNull(label.description),
    builtIn: label.id < 0,
    static: label.staticLabel ?? null,
    query: emptyToNull(label.query),
    deviceCount: label.deviceCount ?? null,
  };
}

/** V25 carries no count or query: those are read from the label list when asked for. */
export function epmmDeviceLabelToModel(label: V25Label): LabelModel {
  return {
    kind: 'Label',
    source: 'EPMM',
    legacyId: label.id,
    name: label.name,
    description: emptyToNull(label.description),
    builtIn: label.id < 0,
    static: label.staticLabel ?? null,
    query: null,
    deviceCount: null,
  };
}
