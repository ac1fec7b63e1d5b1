import type { Resolvers } from '../generated/resolvers-types.js';
import { Device } from './Device.js';
import { DeviceConnection } from './DeviceConnection.js';
import { DeviceSpace } from './DeviceSpace.js';
import { Node } from './Node.js';
import { device } from './Query/device.js';
import { devices } from './Query/devices.js';
import { deviceSearchFields } from './Query/deviceSearchFields.js';
import { node, nodes } from './Query/node.js';
import { viewer } from './Query/viewer.js';
import { DateTime, Long } from './scalars.js';
import { User } from './User.js';
import { Viewer } from './Viewer.js';

export const resolvers: Resolvers = {
  DateTime,
  Long,
  Query: { node, nodes, viewer, devices, device, deviceSearchFields },
  Node,
  Device,
  DeviceConnection,
  DeviceSpace,
  User,
  Viewer,
};
