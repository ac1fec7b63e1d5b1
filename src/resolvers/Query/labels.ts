import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { decodeId } from '../../ids.js';
import { pageOfList } from '../connection.js';

/** E22 has no search parameter: the list is reference data, so the gateway filters and pages it. */
export const labels: QueryResolvers['labels'] = async (_parent, { first, after, search }, { loaders, config }) => {
  const all = await loaders.labels.labelList();
  const needle = search?.trim().toLowerCase() ?? '';
  const matching = needle === '' ? all : all.filter((label) => label.name.toLowerCase().includes(needle));
  return pageOfList(matching, first, after, config.maxPageSize);
};

export const label: QueryResolvers['label'] = async (_parent, { id }, { loaders }) => {
  const decoded = decodeId(id);
  if (decoded.type !== 'Label' || decoded.source !== 'EPMM' || !/^-?\d+$/.test(decoded.key)) return null;
  return loaders.labels.labelByLegacyId(Number(decoded.key));
};
