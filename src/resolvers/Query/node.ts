import type { QueryResolvers } from '../../generated/resolvers-types.js';
import type { GatewayContext } from '../../context.js';
import { decodeId } from '../../ids.js';
import { UUID } from '../../models/uuid.js';
import type { DeviceModel } from '../../models/device.js';
import type { DeviceSpaceModel } from '../../models/device-space.js';
import type { UserModel } from '../../models/user.js';

async function loadNode(id: string, context: GatewayContext): Promise<DeviceModel | UserModel | DeviceSpaceModel | null> {
  const decoded = decodeId(id);
  if (decoded.source !== 'EPMM') return null;
  switch (decoded.type) {
    case 'Device':
      // A forged id never reaches the MDM: only a UUID can name a device.
      return UUID.test(decoded.key) ? context.loaders.deviceByUuid.load(decoded.key.toLowerCase()) : null;
    case 'User':
      return context.loaders.userByPrincipal.load(decoded.key);
    case 'DeviceSpace':
      return context.viewer.deviceSpaces.find((space) => String(space.id) === decoded.key) ?? null;
  }
}

export const node: QueryResolvers['node'] = (_parent, { id }, context) => loadNode(id, context);

export const nodes: QueryResolvers['nodes'] = (_parent, { ids }, context) => Promise.all(ids.map((id) => loadNode(id, context)));
