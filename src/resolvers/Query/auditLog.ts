import type { QueryResolvers } from '../../generated/resolvers-types.js';
import { requireScope } from '../../plugins/scopes.js';
import { pageOfList } from '../connection.js';

export const auditLog: NonNullable<QueryResolvers['auditLog']> = async (_, { first, after, filter }, context) => {
  // The trail names every admin's actions: administrators only.
  requireScope(context, 'admin');
  // The trail is a file every mutation appends to, not a cache class: an answer that reads it is never cached.
  context.accounting.cache.uncached = true;
  const entries = (await context.mutations.audit.entries()).filter(
    (entry) =>
      (!filter?.operation || entry.operation === filter.operation) &&
      (!filter?.caller || entry.caller === filter.caller) &&
      (filter?.unfinished == null || entry.finished !== filter.unfinished),
  );
  return pageOfList(entries, first, after, context.config.maxPageSize);
};
