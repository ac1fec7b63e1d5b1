// EPMM v1 security management (catalogue E33-E36): change a user's password, find a user by login or e-mail,
// search LDAP users, and check a user's credentials. Administrators are users too (the E34 sample is `miadmin`).
import { hashString, SeededRandom } from '../fleet/random.js';
import type { AdminRole, SimAdmin, SimUser, World } from '../fleet/types.js';
import { SimHttpError } from '../http/errors.js';
import type { RouteDefinition } from '../http/route.js';
import {
  v1Body,
  v1ErrorBody,
  v1ErrorBodyFor,
  v1List,
  v1Messages,
  V1_ROLES,
  V1_ROOT,
  type V1Object,
} from '../v1/json.js';
import { v1Text } from '../v1/params.js';

const ROOT = V1_ROOT.sm;
const PASSWORD_MIN = 8;
const PASSWORD_MAX = 20;
/** The LDAP search limit (mifs.properties; "Default search limit is 100"). */
const LDAP_SEARCH_LIMIT = 100;
/** Fleet users' `id`s follow the administrators' (the sample's miadmin is 9001). */
const ADMIN_ID_BASE = 9001;
const USER_ID_BASE = 10_001;
/** Account creation dates are not in the World; they are drawn per login within the year before this instant. */
const ACCOUNTS_CREATED_BEFORE = Date.UTC(2026, 0, 1);

/** The role names E34 shows, for the simulator's admin roles; roles with no documented name are left out. */
const ROLE_NAME: Partial<Record<AdminRole, string>> = {
  VIEW_DEVICES: 'ROLE_SMARTPHONES_AND_DEVICES_R',
  MANAGE_DEVICES: 'ROLE_SMARTPHONES_AND_DEVICES_RW',
  LOCK_UNLOCK: 'ROLE_MPW_LOCK',
  WIPE: 'ROLE_ADMIN_WIPE',
  RETIRE: 'ROLE_SELECTIVE_WIPE',
  MANAGE_ACTIVESYNC: 'ROLE_SENTRY_FOR_IPAD',
  MOBILE_APP: 'ROLE_API',
  MANAGE_SPACES: 'ROLE_USER_MANAGEMENT_RW',
  VIEW_POLICY: 'ROLE_SECURITY_AND_POLICIES_RW',
};

/** A fleet user or an administrator, seen as an EPMM account. */
type Account = { kind: 'user'; user: SimUser; index: number } | { kind: 'admin'; admin: SimAdmin; index: number };

function principalOf(account: Account): string {
  return account.kind === 'user' ? account.user.userId : account.admin.name;
}

/** Exact login or e-mail, case-insensitively ("only if the search finds an exact match"). */
function findAccount(world: World, nameOrEmail: string): Account | undefined {
  const wanted = nameOrEmail.trim().toLowerCase();
  const adminIndex = world.admins.findIndex((admin) => admin.name.toLowerCase() === wanted);
  if (adminIndex >= 0) return { kind: 'admin', admin: world.admins[adminIndex], index: adminIndex };
  const userIndex = world.users.findIndex(
    (user) => user.userId.toLowerCase() === wanted || user.email.toLowerCase() === wanted,
  );
  return userIndex >= 0 ? { kind: 'user', user: world.users[userIndex], index: userIndex } : undefined;
}

/** A local user created at registration has the login as password (E08 note) until E33 changes it. */
function passwordOf(world: World, account: Account): string {
  return account.kind === 'admin'
    ? account.admin.password
    : (world.userPasswords.get(account.user.userId) ?? account.user.userId);
}

function setPassword(world: World, account: Account, password: string): void {
  if (account.kind === 'admin') account.admin.password = password;
  else world.userPasswords.set(account.user.userId, password);
}

function accountRecord(account: Account): V1Object {
  const principal = principalOf(account);
  const rng = new SeededRandom(hashString(`sm-user/${principal}`));
  const uuid = account.kind === 'user' ? account.user.uuid : rng.uuid();
  const createdAt = ACCOUNTS_CREATED_BEFORE - rng.int(0, 365 * 86_400_000);
  const base =
    account.kind === 'user'
      ? {
          firstName: account.user.firstName,
          lastName: account.user.lastName,
          displayName: account.user.displayName,
          email: account.user.email,
          userSource: account.user.source === 'LOCAL' ? 76 : 68,
        }
      : // The sample's administrator has its login as first and display name and a blank last name.
        {
          firstName: principal,
          lastName: ' ',
          displayName: principal,
          email: `${principal}@example.com`,
          userSource: 76,
        };
  const roles =
    account.kind === 'admin'
      ? [...account.admin.roles].map((role) => ROLE_NAME[role]).filter((name): name is string => name !== undefined)
      : ['ROLE_USER_PORTAL_RW'];
  return {
    id: account.kind === 'admin' ? ADMIN_ID_BASE + account.index : USER_ID_BASE + account.index,
    uuid,
    principal,
    createdAt,
    displayName: base.displayName,
    email: base.email,
    enabled: true,
    firstName: base.firstName,
    forcePasswordChange: false,
    googleAppsEncryptionAlgVersion: 0,
    lastAdminPortalLoginTime: createdAt + rng.int(0, 30 * 86_400_000),
    lastName: base.lastName,
    opaque: true,
    // `<roles>` repeats with no wrapper: one role is a value, several an array.
    roles: roles.length === 1 ? roles[0] : roles,
    userSource: base.userSource,
  };
}

/** E35's LDAP record has no id, uuid, dates or roles. */
function ldapRecord(user: SimUser): V1Object {
  return {
    principal: user.userId,
    displayName: user.displayName,
    email: user.email,
    enabled: true,
    firstName: user.firstName,
    forcePasswordChange: false,
    lastName: user.lastName,
    opaque: true,
    userSource: 68,
  };
}

function failure(status: number, message: string, userName?: string): SimHttpError {
  if (userName === undefined) return new SimHttpError(status, v1ErrorBody(ROOT, message));
  return new SimHttpError(status, v1Body(ROOT, { userName, messages: v1Messages(message) }));
}

/** Form fields (E33/E36 send credentials as `application/x-www-form-urlencoded`), names matched case-insensitively. */
function formField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const entry = Object.entries(body as Record<string, unknown>).find(
    ([key]) => key.toLowerCase() === name.toLowerCase(),
  );
  return entry && typeof entry[1] === 'string' ? entry[1] : undefined;
}

const common = { roles: V1_ROLES, errorBody: v1ErrorBodyFor(ROOT) };
const USER_RESPONSE =
  '`securityManagementWebServiceResponse` with `userName` (echo), empty `messages` and `user` (`id`, `uuid`, `principal`, dates in epoch ms, `roles` repeated, `userSource` 76 local / 68 LDAP).';

export const epmmV1UserRoutes: RouteDefinition[] = [
  {
    ...common,
    method: 'PUT',
    path: '/api/v1/sm/authentication/users/:userName',
    summary: "Change a user's password (E33)",
    catalogueIds: ['E33'],
    requestBody: {
      contentTypes: ['application/x-www-form-urlencoded'],
      description: 'oldpassword (required: this server saves user passwords) and newpassword (8-20 characters).',
      example: 'oldpassword=abcd1234&newpassword=wxy!13579',
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        '`userName` and `messages.message` "Password changed successfully for user: <name>". 400 with a failure message for a missing or wrong old password or a new password outside 8-20 characters; 404 for an unknown user.',
    },
    handle({ world, params, body }) {
      const account = findAccount(world, params.userName);
      if (!account) throw failure(404, `User not found: ${params.userName}`);
      const principal = principalOf(account);
      const oldPassword = formField(body, 'oldpassword');
      const newPassword = formField(body, 'newpassword');
      if (oldPassword === undefined || oldPassword !== passwordOf(world, account))
        throw failure(400, 'Failed to change password: the old password is missing or incorrect.', principal);
      if (newPassword === undefined || newPassword.length < PASSWORD_MIN || newPassword.length > PASSWORD_MAX) {
        throw failure(
          400,
          `Failed to change password: the password must be between ${PASSWORD_MIN} and ${PASSWORD_MAX} characters.`,
          principal,
        );
      }
      setPassword(world, account, newPassword);
      return {
        status: 200,
        body: v1Body(ROOT, {
          userName: principal,
          messages: v1Messages(`Password changed successfully for user: ${principal}`),
        }),
      };
    },
  },
  {
    ...common,
    method: 'GET',
    path: '/api/v1/sm/users/:userName',
    summary: 'Find a user by exact login or e-mail address (E34)',
    catalogueIds: ['E34'],
    response: {
      status: 200,
      contentType: 'application/json',
      description: `${USER_RESPONSE} 404 when nothing matches exactly.`,
    },
    handle({ world, params }) {
      const account = findAccount(world, params.userName);
      if (!account) throw failure(404, `User not found: ${params.userName}`);
      return {
        status: 200,
        body: v1Body(ROOT, { userName: params.userName, messages: v1Messages(), user: accountRecord(account) }),
      };
    },
  },
  {
    ...common,
    method: 'GET',
    path: '/api/v1/sm/users/search/ldap',
    aliases: ['/api/v1/sm/users/search/ldap/:userid'],
    summary: 'Search LDAP users by login prefix (E35)',
    catalogueIds: ['E35'],
    query: {
      userid: {
        type: 'string',
        maxLength: 128,
        description: 'Login search string, at least 2 characters (or as the last path segment).',
      },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        '`userName` (the search string), `messages` and `users.user`. 400 when the string is shorter than 2 characters or more than 100 users match; 404 when none does.',
    },
    handle({ world, params, rawQuery }) {
      const search = (params.userid ?? v1Text(rawQuery, 'userid') ?? '').trim();
      if (search.length < 2) throw failure(400, 'The search string must be at least 2 characters.', search);
      const prefix = search.toLowerCase();
      const found: SimUser[] = [];
      for (const user of world.users) {
        if (user.source !== 'LDAP' || !user.userId.toLowerCase().startsWith(prefix)) continue;
        found.push(user);
        if (found.length > LDAP_SEARCH_LIMIT)
          throw failure(
            400,
            `Search results exceed the limit of ${LDAP_SEARCH_LIMIT}. Refine the search string.`,
            search,
          );
      }
      if (found.length === 0) throw failure(404, `No LDAP users found for: ${search}`, search);
      return {
        status: 200,
        body: v1Body(ROOT, { userName: search, messages: v1Messages(), users: v1List('user', found.map(ldapRecord)) }),
      };
    },
  },
  {
    ...common,
    method: 'POST',
    path: '/api/v1/sm/authentication',
    summary: "Check a user's credentials (E36)",
    catalogueIds: ['E36'],
    requestBody: {
      contentTypes: ['application/x-www-form-urlencoded'],
      description: 'username and password (8-20 characters).',
      example: 'username=jdoe&password=abcd1234',
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description: `${USER_RESPONSE} 401 when the username or password is invalid (including a password outside 8-20 characters).`,
    },
    handle({ world, body }) {
      const username = formField(body, 'username') ?? '';
      const password = formField(body, 'password') ?? '';
      const account = username === '' ? undefined : findAccount(world, username);
      const valid =
        account !== undefined &&
        password.length >= PASSWORD_MIN &&
        password.length <= PASSWORD_MAX &&
        password === passwordOf(world, account);
      if (!account || !valid) throw failure(401, 'Invalid username or password.', username);
      return {
        status: 200,
        body: v1Body(ROOT, { userName: principalOf(account), messages: v1Messages(), user: accountRecord(account) }),
      };
    },
  },
];
