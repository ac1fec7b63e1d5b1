// GraphQL hardening: depth, alias, directive and token limits (graphql-armor), a list-multiplying cost limit and a
// cap on list arguments (list-cost.ts, counted with the variables' values when execution starts), and introspection
// and "Did you mean …?" suggestions (suggestions.ts) only when configured. All of it runs before any resolver
// and so before any upstream call. CSRF prevention is csrf.ts: it covers every route and refuses before parsing.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';
import type { GatewayConfig } from '../config.js';
import { useOperationLimits } from './list-cost.js';
import { useHiddenSuggestions } from './suggestions.js';

export function useGraphQLLimits(config: GatewayConfig): Plugin[] {
  const { limits } = config;
  const plugins: Plugin[] = [
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, flattenFragments: true },
      maxAliases: { n: limits.maxAliases },
      maxDirectives: { n: limits.maxDirectives },
      maxTokens: { n: limits.maxTokens },
      // Replaced by useHiddenSuggestions below, which hides every kind of suggestion, and only where introspection
      // is off: where it is on, suggestions tell nothing introspection would not.
      blockFieldSuggestion: { enabled: false },
      // Replaced by the list-aware cost rule below.
      costLimit: { enabled: false },
    }) as Plugin,
    // At execution start, where variables are known: `nodes(ids: $ids)` and `first: $n` count their values.
    useOperationLimits({ maxCost: limits.maxCost, maxListItems: limits.maxListItems }),
  ];
  if (!limits.introspection) plugins.push(useDisableIntrospection() as Plugin, useHiddenSuggestions());
  return plugins;
}
