import type { LabelResolvers } from '../generated/resolvers-types.js';
import type { GatewayContext } from '../context.js';
import { encodeId } from '../ids.js';
import { labelDevicePageRequest } from '../loaders/labels.js';
import type { LabelModel } from '../models/label.js';
import { offsetAfter, pageSize } from '../pagination.js';
import { offsetPage } from './connection.js';

/** A label read through V25 lacks the list's count and query; the list (reference data) supplies them. */
async function listed(label: LabelModel, { loaders }: GatewayContext): Promise<LabelModel | null> {
  return label.deviceCount === null ? loaders.labels.labelByLegacyId(label.legacyId) : label;
}

export const Label: LabelResolvers = {
  id: (label) => encodeId('Label', label.source, String(label.legacyId)),
  static: async (label, _args, context) => label.static ?? (await listed(label, context))?.static ?? null,
  query: async (label, _args, context) => (await listed(label, context))?.query ?? null,
  deviceCount: async (label, _args, context) => (await listed(label, context))?.deviceCount ?? 0,
  devices: async (label, { first, after }, { loaders, config }) => {
    const limit = pageSize(first, config.maxPageSize);
    const offset = offsetAfter(after);
    const page = await loaders.devicePage(labelDevicePageRequest(label.legacyId, offset, limit));
    return offsetPage(page.devices, offset, page.totalCount);
  },
};
