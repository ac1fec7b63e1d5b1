// V02 self-registration and V22 TeamViewer sessions: the two device calls outside `/api/v2/devices`.
import type { Platform } from '../fleet/types.js';
import { SimHttpError } from '../http/errors.js';
import { epmmError } from '../http/respond.js';
import type { RouteDefinition } from '../http/route.js';
import { deviceScope } from '../spaces/device-scope.js';
import { bodyInteger, bodyObject, findInScope, validation } from '../actions/bulk-request.js';
import { REACHABLE_STATES } from '../actions/device-commands.js';
import { parseRegisterRequest, registerDevice } from '../actions/register-device.js';
import { createSession } from '../actions/teamviewer.js';

const TEAMVIEWER_EXAMPLE = {
  results: {
    httpStatus: 'OK',
    error: null,
    error_description: null,
    error_code: null,
    error_signature: null,
    code: 's35-924-946',
    state: 'Open',
    groupid: 'g86972161',
    end_customer: null,
    description: null,
    assigned_userid: 'u75347768',
    end_customer_link: 'https://get.teamviewer.com/s35924946',
    supporter_link: 'https://get.teamviewer.com/s35924946-9c0G78d8rMMZ',
    valid_until: '2019-04-10T01:46:06Z',
  },
  messages: [
    {
      type: 'Info',
      messageKey: 'com.mobileiron.vsp.messages.teamviewer.create.session',
      localizedMessage: 'Created TeamViewer session code',
    },
  ],
};

function teamViewerRoute(platform: Extract<Platform, 'iOS' | 'Android'>): RouteDefinition {
  const suffix = platform === 'iOS' ? 'ios' : 'android';
  return {
    method: 'POST',
    path: `/msa/v2/remote/create_teamviewer_session_${suffix}`,
    summary: `Open a TeamViewer session for an ${platform} device (V22)`,
    catalogueIds: ['V22'],
    roles: ['MANAGE_DEVICES'],
    requestBody: {
      contentTypes: ['application/x-www-form-urlencoded', 'application/json'],
      description: 'adminDeviceSpaceId and deviceUuid (the samples spell it deviceUUID; both are read).',
      example: `adminDeviceSpaceId=1&deviceUUID=${platform === 'iOS' ? '8af2f758-15c4-4394-ac67-3729e3dfe2d0' : '2493c9a5-a9c8-43cb-af4c-9475dac8ba69'}`,
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'results (an object) with the session links, and an Info message.',
      example: TEAMVIEWER_EXAMPLE,
    },
    handle({ world, admin, body, now }) {
      const object = bodyObject(body);
      const adminDeviceSpaceId = bodyInteger(object.adminDeviceSpaceId, 'adminDeviceSpaceId', true)!;
      const uuid = object.deviceUuid ?? object.deviceUUID;
      if (typeof uuid !== 'string' || uuid.trim() === '')
        throw validation('deviceUuid', 'deviceUuid: Required parameter is missing.');
      const device = findInScope(world, uuid.trim(), deviceScope(world, admin, adminDeviceSpaceId));
      if (!device)
        throw new SimHttpError(
          404,
          epmmError('com.mobileiron.vsp.messages.device.not.found', `Device not found: ${uuid}`, [uuid]),
        );
      if (device.platform !== platform) {
        throw new SimHttpError(
          400,
          epmmError(
            'com.mobileiron.vsp.messages.teamviewer.platform.mismatch',
            `The device is not an ${platform} device.`,
            [device.uuid],
          ),
        );
      }
      if (!REACHABLE_STATES.includes(device.status)) {
        throw new SimHttpError(
          400,
          epmmError(
            'com.mobileiron.vsp.messages.teamviewer.device.state',
            `A TeamViewer session cannot be opened for a device in state ${device.status}.`,
            [device.uuid],
          ),
        );
      }
      return {
        status: 200,
        body: {
          results: createSession(world.seed, device, now),
          messages: [
            {
              type: 'Info',
              messageKey: 'com.mobileiron.vsp.messages.teamviewer.create.session',
              localizedMessage: 'Created TeamViewer session code',
            },
          ],
        },
      };
    },
  };
}

export const epmmV2DeviceMiscRoutes: RouteDefinition[] = [
  {
    method: 'POST',
    path: '/api/v2/users/register_device',
    summary: 'Self-register a device for the calling user (V02)',
    catalogueIds: ['V02'],
    roles: ['MANAGE_DEVICES_RESTRICTED'],
    requestBody: {
      contentTypes: ['application/json'],
      description:
        'countryCode (dialling code), operatorId, platform (I, A, L, E), isPhoneNumberAvailable, phoneNumber, deviceLanguageId, isForceRegister, notifyUser; booleans as JSON booleans or "true"/"false".',
      example: {
        countryCode: 1,
        deviceLanguageId: 1,
        isForceRegister: 'false',
        isPhoneNumberAvailable: 'true',
        notifyUser: 'true',
        operatorId: 269,
        phoneNumber: '4083338888',
        platform: 'I',
      },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: 'The registration passcode, its lifetime and the portal link; the device exists as PENDING.',
      example: {
        results: [
          {
            passcode: '600698',
            ttl: '120',
            regLink: 'http://localhost:8080/mifs/c/d/ios.html',
            email: 'miadmin@example.com',
          },
        ],
        totalCount: 1,
        resultCount: 1,
      },
    },
    handle({ world, admin, body, now }) {
      const registration = registerDevice(world, admin, parseRegisterRequest(body), now);
      return { status: 200, body: { results: [registration.result], totalCount: 1, resultCount: 1 } };
    },
  },
  teamViewerRoute('Android'),
  teamViewerRoute('iOS'),
];
