// Every route the simulator serves, registered in one place (server.ts adds them to its router in this order).
// One file per product and area: `<product>-<area>.ts`, product being epmm (unversioned device-space calls),
// epmm-v1, epmm-v2 or neurons (served under /neurons). Order matters only between routes with as many literal
// path segments: the router tries them in the order listed here.
import type { RouteDefinition } from '../http/route.js';
import { epmmDeviceSpaceAdminRoutes } from './epmm-device-space-admins.js';
import { epmmDeviceSpacePolicyRoutes } from './epmm-device-space-policies.js';
import { epmmDeviceSpaceRoutes } from './epmm-device-spaces.js';
import { epmmPingRoutes } from './epmm-ping.js';
import { epmmV1ActiveSyncRoutes } from './epmm-v1-activesync.js';
import { epmmV1AlertRoutes } from './epmm-v1-alerts.js';
import { epmmV1AppSettingRoutes } from './epmm-v1-appsettings.js';
import { epmmV1DeviceActionRoutes } from './epmm-v1-device-actions.js';
import { epmmV1DeviceBulkRoutes } from './epmm-v1-device-bulk.js';
import { epmmV1DeviceProfileRoutes } from './epmm-v1-device-profiles.js';
import { epmmV1DeviceRegisterRoutes } from './epmm-v1-device-register.js';
import { epmmV1DeviceRoutes } from './epmm-v1-devices.js';
import { epmmV1PolicyRoutes } from './epmm-v1-policies.js';
import { epmmV1ReferenceRoutes } from './epmm-v1-reference.js';
import { epmmV1UserRoutes } from './epmm-v1-users.js';
import { epmmV2DeviceActionRoutes } from './epmm-v2-device-actions.js';
import { epmmV2DeviceLabelRoutes } from './epmm-v2-device-labels.js';
import { epmmV2DeviceMiscRoutes } from './epmm-v2-device-misc.js';
import { epmmV2DeviceReportRoutes } from './epmm-v2-device-reports.js';
import { epmmV2DeviceRoutes } from './epmm-v2-devices.js';
import { neuronsDeviceRoutes } from './neurons-devices.js';
import { neuronsRuleGroupRoutes } from './neurons-rule-groups.js';
import { neuronsTenantRoutes } from './neurons-tenant.js';
import { neuronsUserGroupRoutes } from './neurons-user-groups.js';

export const simulatorRoutes: readonly RouteDefinition[] = [
  ...epmmPingRoutes,
  // EPMM v2 devices (V01-V25)
  ...epmmV2DeviceRoutes,
  ...epmmV2DeviceActionRoutes,
  ...epmmV2DeviceLabelRoutes,
  ...epmmV2DeviceReportRoutes,
  ...epmmV2DeviceMiscRoutes,
  // EPMM device spaces (DS01-DS11)
  ...epmmDeviceSpaceRoutes,
  ...epmmDeviceSpaceAdminRoutes,
  ...epmmDeviceSpacePolicyRoutes,
  // EPMM v1 administration (E30-E47)
  ...epmmV1ActiveSyncRoutes,
  ...epmmV1UserRoutes,
  ...epmmV1AlertRoutes,
  ...epmmV1PolicyRoutes,
  ...epmmV1AppSettingRoutes,
  // EPMM v1 devices (E01-E29)
  ...epmmV1DeviceRoutes,
  ...epmmV1DeviceRegisterRoutes,
  ...epmmV1DeviceActionRoutes,
  ...epmmV1DeviceBulkRoutes,
  ...epmmV1DeviceProfileRoutes,
  ...epmmV1ReferenceRoutes,
  // Neurons for MDM (NG01-NG14), under /neurons
  ...neuronsUserGroupRoutes,
  ...neuronsRuleGroupRoutes,
  ...neuronsDeviceRoutes,
  ...neuronsTenantRoutes,
];
