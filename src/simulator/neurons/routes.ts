// Every Neurons for MDM route the simulator serves, under the /neurons path prefix.
import type { RouteDefinition } from '../http/route.js';
import { neuronsDeviceRoutes } from './routes-devices.js';
import { neuronsRuleGroupRoutes } from './routes-rule-groups.js';
import { neuronsTenantRoutes } from './routes-tenant.js';
import { neuronsUserGroupRoutes } from './routes-user-groups.js';

export const neuronsRoutes: RouteDefinition[] = [...neuronsUserGroupRoutes, ...neuronsRuleGroupRoutes, ...neuronsDeviceRoutes, ...neuronsTenantRoutes];
