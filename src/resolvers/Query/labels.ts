import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { epmmNumericKey } from '../../ids.js';
import { pageOfList } from '../connection.js';

/** E22 has no search parameter: the list is reference data, so the gateway filters and pages it. */
export const labels: QueryResolvers['labels'] = async (_parent, { first, after, search }, { loaders, config }) => {
  const all = await loaders.labels.labelList();
  const needle = search?.trim().toLowerCase() ?? '';
  const matching = needle === '' ? all : all.filter((label) => label.name.toLowerCase().includes(needle));
  return pageOfList(matching, first, after, config.maxPageSize);
};

/** Built-in labels have negative ids; an id of another type is malformed input, not an unknown label. */
export const label: QueryResolvers['label'] = (_parent, { id }, { loaders }) =>
  loaders.labels.labelByLegacyId(epmmNumericKey(id, 'Label', ['id'], /^-?\d{1,15}$/));
