// The EPMM v1 administration routes (catalogue E30-E47) as one list for the simulator's router.
import type { RouteDefinition } from '../http/route.js';
import { epmmV1ActiveSyncRoutes } from './epmm-v1-activesync.js';
import { epmmV1AlertRoutes } from './epmm-v1-alerts.js';
import { epmmV1AppSettingRoutes } from './epmm-v1-appsettings.js';
import { epmmV1PolicyRoutes } from './epmm-v1-policies.js';
import { epmmV1UserRoutes } from './epmm-v1-users.js';

export const epmmV1AdminRoutes: RouteDefinition[] = [
  ...epmmV1ActiveSyncRoutes,
  ...epmmV1UserRoutes,
  ...epmmV1AlertRoutes,
  ...epmmV1PolicyRoutes,
  ...epmmV1AppSettingRoutes,
];
