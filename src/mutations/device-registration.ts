// Device registration, two ways (docs/decisions.md "Device registration: two mutations"): v2 self-registration
// for the calling account (V02) and v1 administrator registration for any user (E08). The item is the user the
// device is registered to. The answer holds a one-time passcode: it travels in the item's target (returned to
// the caller, kept for an idempotent replay by the idempotency store: memory, or Redis with REDIS_URL) and never
// in an outcome message, the audit input or logs.
import type { GatewayContext } from '../context.js';
import {
  epmmAdminRegistration,
  epmmSelfRegistration,
  type DeviceRegistrationModel,
} from '../models/device-operations.js';
import type { V1Registration } from '../upstream/epmm/v1-devices-client.js';
import { outcome, upstreamText } from './item-outcome.js';
import { runMutation, type MutationResult, type MutationUserError } from './run-mutation.js';
import type { RegistrationDeviceType, RegistrationPlatform } from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values.
export type { RegistrationPlatform };

/** EPMM's registration letters (V02 and E08 share them). */
const PLATFORM_CODE: Readonly<Record<RegistrationPlatform, 'I' | 'A' | 'L' | 'E'>> = {
  IOS: 'I',
  ANDROID: 'A',
  MACOS: 'L',
  WINDOWS: 'E',
};

export interface RegistrationHolder {
  answer: DeviceRegistrationModel | null;
}

export type RegistrationResult = MutationResult<RegistrationHolder>;

interface Common {
  note?: string | null;
  dryRun?: boolean | null;
  idempotencyKey?: string | null;
}

export interface SelfRegistrationInput extends Common {
  platform: RegistrationPlatform;
  countryCode: number;
  operatorId: number;
  phoneNumber?: string | null;
  deviceLanguageId?: number | null;
  notifyUser?: boolean | null;
  forceRegister?: boolean | null;
}

export interface AdminRegistrationInput extends Common {
  userId: string;
  platform: RegistrationPlatform;
  countryCode: number;
  phoneNumber?: string | null;
  operator?: string | null;
  employeeOwned?: boolean | null;
  deviceType?: RegistrationDeviceType | null;
  importUserFromLdap?: boolean | null;
  userFirstName?: string | null;
  userLastName?: string | null;
  userEmailAddress?: string | null;
  notifyUser?: boolean | null;
  notifyUserBySms?: boolean | null;
}

const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

function numberErrors(input: { countryCode: number; phoneNumber?: string | null }): MutationUserError[] {
  const errors: MutationUserError[] = [];
  if (input.countryCode < 1 || input.countryCode > 9999)
    errors.push({
      message: 'countryCode is a calling code of 1 to 4 digits.',
      field: ['input', 'countryCode'],
      code: 'INVALID_COUNTRY_CODE',
    });
  if (input.phoneNumber != null && !/^\d{3,20}$/.test(input.phoneNumber.trim())) {
    errors.push({
      message: 'phoneNumber: digits only, without the country code.',
      field: ['input', 'phoneNumber'],
      code: 'INVALID_PHONE_NUMBER',
    });
  }
  return errors;
}

function registered(answer: DeviceRegistrationModel | null, via: string) {
  // The message names no passcode: outcomes are written to the audit trail.
  return answer
    ? outcome('SUCCEEDED', `Registered (${via}); the passcode is in the payload only.`)
    : outcome('UNCONFIRMED', 'EPMM answered without a registration.');
}

/** V02: registers a device for the calling account; EPMM's answer does not name the device. */
export function registerDevice(context: GatewayContext, input: SelfRegistrationInput): Promise<RegistrationResult> {
  const phoneNumber = input.phoneNumber?.trim() || undefined;
  const recorded = {
    platform: input.platform,
    countryCode: input.countryCode,
    operatorId: input.operatorId,
    phoneNumber: phoneNumber ?? null,
    deviceLanguageId: input.deviceLanguageId ?? null,
    notifyUser: input.notifyUser ?? null,
    forceRegister: input.forceRegister ?? null,
  };
  const self = context.caller.name;
  return runMutation<RegistrationHolder>(context, {
    operation: 'registerDevice',
    scope: 'act',
    destructive: false,
    ids: [self],
    note: input.note,
    dryRun: input.dryRun,
    idempotencyKey: input.idempotencyKey,
    input: recorded,
    validate: () => numberErrors(input),
    resolve: async () => new Map([[self, { id: self, key: self, value: { answer: null } }]]),
    async send([target]) {
      const response = await context.mutations.epmm.v2Devices.registerDevice(context.epmm, {
        countryCode: input.countryCode,
        operatorId: input.operatorId,
        platform: PLATFORM_CODE[input.platform],
        phoneNumber,
        deviceLanguageId: orUndefined(input.deviceLanguageId),
        notifyUser: orUndefined(input.notifyUser),
        isForceRegister: orUndefined(input.forceRegister),
      });
      target.value.answer = epmmSelfRegistration(response);
      return new Map([[target.id, registered(target.value.answer, 'self-registration')]]);
    },
    // A new PENDING device shows in searches, counts and its user's devices.
    invalidates: { upstream: 'epmm', resources: ['device', 'reference'] },
  });
}

/** E08: registers a device for a user; an unknown user id makes EPMM create a local user. */
export function registerDeviceForUser(
  context: GatewayContext,
  input: AdminRegistrationInput,
): Promise<RegistrationResult> {
  const userId = input.userId.trim();
  const pda = input.deviceType === 'PDA';
  const phoneNumber = input.phoneNumber?.trim() || undefined;
  const registration: V1Registration = {
    userId,
    platform: PLATFORM_CODE[input.platform],
    countryCode: input.countryCode,
    phoneNumber,
    operator: orUndefined(input.operator),
    employeeOwned: orUndefined(input.employeeOwned),
    deviceType: input.deviceType ? (pda ? 'PDA' : 'Phone') : undefined,
    importUserFromLdap: orUndefined(input.importUserFromLdap),
    userFirstName: orUndefined(input.userFirstName),
    userLastName: orUndefined(input.userLastName),
    userEmailAddress: orUndefined(input.userEmailAddress),
    notifyUser: orUndefined(input.notifyUser),
    notifyUserBySms: orUndefined(input.notifyUserBySms),
  };
  return runMutation<RegistrationHolder>(context, {
    operation: 'registerDeviceForUser',
    scope: 'act',
    destructive: false,
    ids: [userId],
    note: input.note,
    dryRun: input.dryRun,
    idempotencyKey: input.idempotencyKey,
    input: { ...registration },
    validate() {
      const errors = numberErrors(input);
      if (userId === '') errors.push({ message: 'Name the user.', field: ['input', 'userId'], code: 'USER_REQUIRED' });
      if (!phoneNumber && !pda)
        errors.push({
          message: 'A phone number is required unless deviceType is PDA.',
          field: ['input', 'phoneNumber'],
          code: 'PHONE_NUMBER_REQUIRED',
        });
      return errors;
    },
    resolve: async () => new Map([[userId, { id: userId, key: userId, value: { answer: null } }]]),
    async send([target]) {
      const response = await context.mutations.epmm.v1Devices.register(context.epmm, registration);
      const status = response.registration.status.trim().toUpperCase();
      if (status !== 'SUCCESS') {
        const text = response.registration.messages.find((message) => message.trim() !== '');
        const { messageKey, message } = upstreamText(text ?? `EPMM answered status ${status || '(none)'}.`);
        return new Map([[target.id, outcome('FAILED', message, messageKey)]]);
      }
      target.value.answer = epmmAdminRegistration(response);
      return new Map([[target.id, registered(target.value.answer, 'administrator registration')]]);
    },
    invalidates: { upstream: 'epmm', resources: ['device', 'reference'] },
  });
}
