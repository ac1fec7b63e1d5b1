import type { Resolvers } from '../generated/resolvers-types.js';

/** The root types: their fields have no default resolver to fall back on. */
type RootType = 'Query' | 'Mutation' | 'Subscription';

/**
 * The generated `Resolvers` with every field of every root type the schema has made required, so that the map of
 * src/resolvers/index.ts fails tsc when a root field has no resolver (docs/decisions.md, "Schema and resolvers by
 * domain"). Only the presence of each key is added here: the value types stay those of `Resolvers`. A Subscription
 * root joins by itself once the schema declares one.
 */
export type CompleteResolvers = Resolvers & {
  [T in RootType & keyof Resolvers]-?: Record<keyof NonNullable<Resolvers[T]>, unknown>;
};
