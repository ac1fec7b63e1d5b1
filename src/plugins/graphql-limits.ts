// GraphQL hardening: depth, alias, directive and token limits and no field suggestions (graphql-armor), a
// list-multiplying cost limit (list-cost.ts), CSRF prevention, and introspection only when configured.
// All of it runs at parse/validate time, before any resolver and so before any upstream call.
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';
import type { GatewayConfig } from '../config.js';
import { listCostRule } from './list-cost.js';

export function useGraphQLLimits(config: GatewayConfig): Plugin[] {
  const { limits } = config;
  const plugins: Plugin[] = [
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, flattenFragments: true },
      maxAliases: { n: limits.maxAliases },
      maxDirectives: { n: limits.maxDirectives },
      maxTokens: { n: limits.maxTokens },
      blockFieldSuggestion: { enabled: true },
      // Replaced by the list-aware cost rule below.
      costLimit: { enabled: false },
    }) as Plugin,
    {
      onValidate({ addValidationRule }) {
        addValidationRule(listCostRule(limits.maxCost, config.maxPageSize));
      },
    },
    // Browsers may send "simple" cross-site requests without a preflight; requiring a non-simple header or
    // JSON content type for every operation stops them riding on a logged-in admin's credentials.
    useCSRFPrevention({ requestHeaders: ['x-graphql-csrf', 'content-type'] }) as Plugin,
  ];
  if (!limits.introspection) plugins.push(useDisableIntrospection() as Plugin);
  return plugins;
}
