// E28 Get the profiles of a device, E29 re-push them. E29's response is not documented; it answers like the other
// single-device actions (`messages` and `deviceUuid`).
import { ParamError } from '../http/params.js';
import type { RouteDefinition } from '../http/route.js';
import { v1Error, v1List, v1Messages, V1_ROOT } from '../v1/json.js';
import { v1Text } from '../v1/params.js';
import { deviceProfiles, repushProfiles, type V1ProfileType } from '../v1/profiles.js';
import { DM_ROUTE, dmOk, dmResponse } from '../v1/respond.js';
import { v1DeviceByUuid } from '../v1/scope.js';

const getProfiles: RouteDefinition = {
  ...DM_ROUTE,
  method: 'GET',
  path: '/api/v1/dm/devices/profiles/:uuid',
  summary: 'Get the policies (POLICY) and configurations (APP) applied to a device (E28)',
  catalogueIds: ['E28'],
  response: dmResponse(
    '`profiles.profile { id, uuid, name, policyType, status, profileType, lastUpdatedAt }`; a profile is identified by id and profileType.',
  ),
  handle({ world, admin, params }) {
    const device = v1DeviceByUuid(world, admin, params.uuid);
    const profiles = deviceProfiles(device);
    if (profiles.length === 0) throw v1Error(V1_ROOT.dm, 404, `No profiles found for device with uuid: ${device.uuid}`);
    return dmOk({
      messages: v1Messages(`${profiles.length} Profile(s) returned`),
      profiles: v1List(
        'profile',
        profiles.map((profile) => ({ ...profile })),
      ),
    });
  },
};

const repush: RouteDefinition = {
  ...DM_ROUTE,
  method: 'PUT',
  path: '/api/v1/dm/devices/repushprofile/:uuid',
  summary: 'Re-push one profile (id and type) or, with neither, all profiles of a device (E29)',
  catalogueIds: ['E29'],
  query: {
    id: { type: 'integer', description: 'Profile id from E28 (negative for the defaults).' },
    type: { type: 'string', description: 'APP (configuration) or POLICY.' },
  },
  response: dmResponse('Undocumented; the simulator answers `messages` and `deviceUuid`.'),
  handle({ world, admin, params, query, rawQuery, now }) {
    const device = v1DeviceByUuid(world, admin, params.uuid);
    const id = query.id as number | undefined;
    const typeText = v1Text(rawQuery, 'type')?.trim().toUpperCase();
    if (typeText !== undefined && typeText !== 'APP' && typeText !== 'POLICY')
      throw new ParamError('type', 'type: must be APP or POLICY.');
    if ((id === undefined) !== (typeText === undefined))
      throw new ParamError(id === undefined ? 'id' : 'type', 'id and type: give both or neither.');
    const only = id !== undefined && typeText !== undefined ? { id, type: typeText as V1ProfileType } : undefined;
    const pushed = repushProfiles(device, now, only);
    if (pushed.length === 0) {
      throw v1Error(
        V1_ROOT.dm,
        404,
        only
          ? `Profile ${only.type} ${only.id} is not applied to device with uuid: ${device.uuid}`
          : `No profiles found for device with uuid: ${device.uuid}`,
      );
    }
    return dmOk({ messages: v1Messages(`${pushed.length} profile(s) re-pushed to device.`), deviceUuid: device.uuid });
  },
};

export const epmmV1DeviceProfileRoutes: RouteDefinition[] = [getProfiles, repush];
