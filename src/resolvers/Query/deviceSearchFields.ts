import type { QueryResolvers } from '../../generated/resolvers-types.js';

const TYPES = new Set(['STRING', 'NUMBER', 'DATE'] as const);

export const deviceSearchFields: QueryResolvers['deviceSearchFields'] = async (_parent, _args, { loaders }) => {
  const fields = await loaders.searchFields();
  return fields.map((field) => {
    const type = field.type.toUpperCase();
    return {
      name: field.name,
      // EPMM lists common fields without their `common.` prefix; queries and `fields` need it.
      queryName: field.name.includes('.') ? field.name : `common.${field.name}`,
      type: TYPES.has(type as 'STRING') ? (type as 'STRING' | 'NUMBER' | 'DATE') : 'STRING',
    };
  });
};
