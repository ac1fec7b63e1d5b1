// Changing a user's password (v1 E33). The passwords go to EPMM and nowhere else: the audit record and the
// idempotency input name only the user; the idempotency check compares an HMAC of the passwords under the gateway
// secret (src/auth/keyed-digest.ts), which is not kept with the digest (Redis holds the digest, never the key), so
// the digest cannot be tested offline, and every replica sharing the secret recognises a retry of the same change.
import { keyedDigestFor } from '../auth/keyed-digest.js';
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import { outcome } from './item-outcome.js';
import { runMutation, type MutationResult, type MutationUserError } from './run-mutation.js';

/** EPMM's documented password length. */
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 20;

function passwordDigest(context: GatewayContext, passwords: { oldPassword?: string; newPassword: string }): string {
  return keyedDigestFor(context.config).secretInput([passwords.oldPassword ?? null, passwords.newPassword]);
}

export interface UpdateUserPasswordOptions {
  userName: string;
  oldPassword?: string | null;
  newPassword: string;
  note?: string | null;
  dryRun?: boolean | null;
  idempotencyKey?: string | null;
}

export function updateUserPassword(
  context: GatewayContext,
  options: UpdateUserPasswordOptions,
): Promise<MutationResult<string>> {
  const userName = options.userName.trim();
  const passwords = { oldPassword: options.oldPassword ?? undefined, newPassword: options.newPassword };
  return runMutation<string>(context, {
    operation: 'updateUserPassword',
    // Taking over an account is administration, not a device action.
    scope: 'admin',
    destructive: false,
    ids: [userName],
    note: options.note,
    dryRun: options.dryRun,
    idempotencyKey: options.idempotencyKey,
    input: { userName },
    secretDigest: passwordDigest(context, passwords),
    validate() {
      const errors: MutationUserError[] = [];
      if (userName === '')
        errors.push({ message: 'Name the user.', field: ['input', 'userName'], code: 'USER_REQUIRED' });
      const length = options.newPassword.length;
      if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
        errors.push({
          message: `The new password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`,
          field: ['input', 'newPassword'],
          code: 'PASSWORD_LENGTH',
        });
      }
      return errors;
    },
    async resolve(ids) {
      const user = await context.loaders.users.account(userName);
      // E34 also matches an e-mail address; E33 takes the login, so the login is what is sent.
      return new Map([
        [
          ids[0],
          user
            ? { id: ids[0], key: user.principal, value: user.principal }
            : outcome('NOT_FOUND', 'No user with this login is visible to you.'),
        ],
      ]);
    },
    async send([target]) {
      try {
        const message = await context.mutations.epmm.v1Admin.updatePassword(context.epmm, target.key, passwords);
        return new Map([[target.id, outcome('SUCCEEDED', message)]]);
      } catch (error) {
        // EPMM answers a wrong old password or a refused new one with 400 and prose; the prose stays upstream.
        if (error instanceof GatewayError && error.code === 'BAD_USER_INPUT') {
          return new Map([
            [
              target.id,
              outcome(
                'FAILED',
                'EPMM refused the change: the old password is missing or wrong, or the new one breaks its rules.',
              ),
            ],
          ]);
        }
        throw error;
      }
    },
    invalidates: { upstream: 'epmm', resources: [] },
  });
}
