// E08 Register a device: PUT /api/v1/dm/register with everything in the query string (the examples).
import type { Platform } from '../fleet/types.js';
import { ParamError } from '../http/params.js';
import type { RouteDefinition } from '../http/route.js';
import { v1Error, v1Messages, V1_ROOT } from '../v1/json.js';
import { v1Boolean, v1OptionalText, v1RequiredText } from '../v1/params.js';
import { countryForCallingCode, PASSCODE_TTL_HOURS, RegistrationError, registerDevice } from '../v1/register.js';
import { DM_ROUTE, dmOk, dmResponse } from '../v1/respond.js';

/** E08 `platform`: A Android, I iOS, E Windows, M Windows Phone, L Mac OS X. The World has no Windows Phone. */
const PLATFORM_BY_LETTER: Readonly<Record<string, Platform>> = { A: 'Android', I: 'iOS', E: 'Windows', L: 'macOS' };

const registerRoute: RouteDefinition = {
  ...DM_ROUTE,
  method: 'PUT',
  path: '/api/v1/dm/register',
  summary: 'Register a device (E08)',
  catalogueIds: ['E08'],
  query: {
    phoneNumber: {
      type: 'string',
      maxLength: 20,
      description: 'Digits only, no country code; PDA for a device without a phone. Required except for PDA.',
    },
    userId: {
      type: 'string',
      required: true,
      maxLength: 128,
      description: 'Login of the user; an unknown id creates a local user.',
    },
    platform: {
      type: 'string',
      required: true,
      description: 'A Android, I iOS, E Windows, M Windows Phone, L Mac OS X.',
    },
    countrycode: {
      type: 'integer',
      description: 'Calling code of the operator country (required; the table spells it countryCode).',
    },
    operator: { type: 'string', description: 'Operator name.' },
    isEmployeeOwned: { type: 'boolean', description: 'Employee-owned; default false.' },
    deviceType: { type: 'string', description: 'Phone or PDA.' },
    importUserFromLdap: { type: 'boolean', description: 'Import the user from LDAP instead of creating a local user.' },
    userFirstName: { type: 'string', description: 'Required for a new local user.' },
    userLastName: { type: 'string', description: 'Required for a new local user.' },
    userEmailAddress: { type: 'string', description: 'Required for a new local user.' },
    notifyUser: { type: 'boolean', description: 'Notify the user by e-mail.' },
    notifyuserbysms: { type: 'boolean', description: 'Notify the user by SMS.' },
  },
  response: dmResponse(
    '`phoneNumber` and `registration { messages, deviceUuid, status: SUCCESS, passcode, passcodeTTL, registrationUrl }`.',
  ),
  handle({ world, rawQuery, now }) {
    const userId = v1RequiredText(rawQuery, 'userId', 128);
    const letter = v1RequiredText(rawQuery, 'platform').trim().toUpperCase();
    const platform = PLATFORM_BY_LETTER[letter];
    if (letter === 'M') throw v1Error(V1_ROOT.dm, 400, 'Windows Phone devices cannot be registered on this server.');
    if (!platform) throw new ParamError('platform', `platform: '${letter}' is not one of A, I, E, M, L.`);
    const code = v1RequiredText(rawQuery, 'countryCode');
    const country = /^\d{1,4}$/.test(code.trim()) ? countryForCallingCode(Number(code)) : undefined;
    if (!country) throw v1Error(V1_ROOT.dm, 400, `Invalid country code: ${code}`);
    const pda = v1OptionalText(rawQuery, 'deviceType')?.toUpperCase() === 'PDA';
    const phoneText = v1OptionalText(rawQuery, 'phoneNumber')?.trim();
    // "Required except for PDA"; a PDA may also pass the literal PDA.
    if (phoneText === undefined && !pda)
      throw new ParamError('phoneNumber', 'phoneNumber: Required parameter is missing.');
    const phone = phoneText === undefined || phoneText.toUpperCase() === 'PDA' ? undefined : phoneText;
    if (phone !== undefined && !/^\d{3,20}$/.test(phone))
      throw v1Error(V1_ROOT.dm, 400, `Invalid phone number: ${phone}. Use digits only, without country code.`);
    try {
      const result = registerDevice(
        world,
        {
          phoneNumber: phone,
          userId,
          platform,
          country,
          operator: v1OptionalText(rawQuery, 'operator'),
          employeeOwned: v1Boolean(rawQuery, 'isEmployeeOwned') ?? false,
          importUserFromLdap: v1Boolean(rawQuery, 'importUserFromLdap') ?? false,
          firstName: v1OptionalText(rawQuery, 'userFirstName'),
          lastName: v1OptionalText(rawQuery, 'userLastName'),
          email: v1OptionalText(rawQuery, 'userEmailAddress'),
        },
        now,
      );
      return dmOk({
        // Echoed with the country code, as the sample's 14085551212.
        phoneNumber: phone === undefined ? 'PDA' : `${country.dialCode}${phone}`,
        registration: {
          messages: v1Messages('Success'),
          deviceUuid: result.device.uuid,
          status: 'SUCCESS',
          passcode: result.passcode,
          passcodeTTL: PASSCODE_TTL_HOURS,
          registrationUrl: result.registrationUrl,
        },
      });
    } catch (error) {
      if (error instanceof RegistrationError) throw v1Error(V1_ROOT.dm, 400, error.message);
      throw error;
    }
  },
};

export const epmmV1DeviceRegisterRoutes: RouteDefinition[] = [registerRoute];
