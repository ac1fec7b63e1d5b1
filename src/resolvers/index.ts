import type { Resolvers } from '../generated/resolvers-types.js';
import { Device } from './Device.js';
import { DeviceSpaceField } from './Device.deviceSpace.js';
import { DeviceConnection } from './DeviceConnection.js';
import { DeviceSpace } from './DeviceSpace.js';
import { DeviceSpaceConnection } from './DeviceSpaceConnection.js';
import { DeviceGroupFields } from './Device.groups.js';
import { Group } from './Group.js';
import { GroupConnection } from './GroupConnection.js';
import { deviceSpace, deviceSpaces } from './Query/deviceSpaces.js';
import { group, groups } from './Query/groups.js';
import { DeviceLabelFields } from './Device.labels.js';
import { DeviceDetailFields } from './Device.detail.js';
import { Label } from './Label.js';
import { LabelConnection } from './LabelConnection.js';
import { Policy } from './Policy.js';
import { PolicyConnection } from './PolicyConnection.js';
import { label, labels } from './Query/labels.js';
import { policies, policy } from './Query/policies.js';
import { Node } from './Node.js';
import { device } from './Query/device.js';
import { devices } from './Query/devices.js';
import { deviceSearchFields } from './Query/deviceSearchFields.js';
import { node, nodes } from './Query/node.js';
import { viewer } from './Query/viewer.js';
import { DateTime, Long } from './scalars.js';
import { User } from './User.js';
import { UserConnection } from './UserConnection.js';
import { Alert } from './Alert.js';
import { AlertConnection } from './AlertConnection.js';
import { DeviceAlertFields } from './Device.alerts.js';
import { user } from './Query/user.js';
import { users } from './Query/users.js';
import { alerts } from './Query/alerts.js';
import { Viewer } from './Viewer.js';
import { deviceActionMutations } from './Mutation/deviceActions.js';
import { adminMutations } from './Mutation/admin.js';
import { DeviceSpacePayload } from './DeviceSpacePayload.js';
import { groupMutations } from './Mutation/groups.js';
import { deviceOperationMutations } from './Mutation/deviceOperations.js';
import {
  ActiveSyncActionResult,
  DeviceRegistration,
  LocateDevicePayload,
  OpenRemoteSessionPayload,
  RegisterDevicePayload,
} from './DeviceOperationPayloads.js';
import { groupDeleteViability } from './Query/groupDeleteViability.js';
import { DeviceActionResult } from './DeviceActionResult.js';
import { auditLog } from './Query/auditLog.js';
import { countries, operators } from './Query/reference.js';
import { AuditEntry, AuditEntryConnection } from './AuditEntry.js';
import type { CompleteResolvers } from './completeness.js';
import { Subscription } from './Subscription/index.js';

// `satisfies CompleteResolvers`: a Query or Mutation field without a resolver fails tsc (docs/decisions.md).
export const resolvers: Resolvers = {
  DateTime,
  Long,
  Query: {
    node,
    nodes,
    viewer,
    devices,
    device,
    deviceSearchFields,
    labels,
    label,
    policies,
    policy,
    deviceSpaces,
    deviceSpace,
    groups,
    group,
    groupDeleteViability,
    users,
    user,
    alerts,
    auditLog,
    countries,
    operators,
  },
  Mutation: { ...deviceActionMutations, ...groupMutations, ...deviceOperationMutations, ...adminMutations },
  Subscription,
  DeviceSpacePayload,
  LocateDevicePayload,
  OpenRemoteSessionPayload,
  RegisterDevicePayload,
  DeviceRegistration,
  ActiveSyncActionResult,
  DeviceActionResult,
  AuditEntry,
  AuditEntryConnection,
  Node,
  Device: {
    ...Device,
    ...DeviceLabelFields,
    ...DeviceDetailFields,
    ...DeviceGroupFields,
    ...DeviceAlertFields,
    ...DeviceSpaceField,
  },
  DeviceConnection,
  DeviceSpace,
  DeviceSpaceConnection,
  Group,
  GroupConnection,
  Label,
  LabelConnection,
  Policy,
  PolicyConnection,
  User,
  UserConnection,
  Alert,
  AlertConnection,
  Viewer,
} satisfies CompleteResolvers;
