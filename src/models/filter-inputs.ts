// Filters name other objects by global id (docs/errors.md, "One id model"); the MDMs take their own keys. These
// turn a filter as a client sent it into the model the compilers read, before any upstream call, so a malformed
// or wrong-type id is BAD_USER_INPUT located at its argument.
import { GatewayError, type FieldPath } from '../errors.js';
import { decodeIdOf, epmmNumericKey } from '../ids.js';
import type { AlertFilterModel } from './alert-filter.js';
import type { DeviceFilterModel } from './device-filter.js';

/** A DeviceFilter as sent: the model's fields, with the label and user named by global id. */
export type DeviceFilterInput = Omit<DeviceFilterModel, 'labelId'> & {
  labelId?: string | null;
  userId?: string | null;
};

/** An AlertFilter as sent: the model's fields, with the recipient named by global id. */
export type AlertFilterInput = AlertFilterModel & { userId?: string | null };

export function deviceFilterOf(
  input: DeviceFilterInput | null | undefined,
  path: FieldPath = ['filter'],
): DeviceFilterModel | null {
  if (!input) return null;
  const { labelId, userId, ...rest } = input;
  return {
    ...rest,
    userPrincipal: principalOf(userId, input.userPrincipal, path),
    // Built-in labels have negative ids.
    ...(labelId == null ? {} : { labelId: epmmNumericKey(labelId, 'Label', [...path, 'labelId'], /^-?\d{1,15}$/) }),
  };
}

export function alertFilterOf(
  input: AlertFilterInput | null | undefined,
  path: FieldPath = ['filter'],
): AlertFilterModel | null {
  if (!input) return null;
  const { userId, ...rest } = input;
  return { ...rest, userPrincipal: principalOf(userId, input.userPrincipal, path) };
}

/** A User id's key is the login name (src/resolvers/User.ts): the id names the same user the text would. */
function principalOf(
  userId: string | null | undefined,
  userPrincipal: string | null | undefined,
  path: FieldPath,
): string | null | undefined {
  if (userId == null) return userPrincipal;
  if (userPrincipal != null)
    throw new GatewayError('BAD_USER_INPUT', 'Give `userId` or `userPrincipal`, not both.', {
      field: [...path, 'userPrincipal'],
    });
  return decodeIdOf(userId, 'User', [...path, 'userId']).key;
}
