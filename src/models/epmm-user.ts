// The one place that reads EPMM v1 user records (E34 SmUser, E35 LdapUser) and turns them into a UserModel.
import type { LdapUser, SmUser } from '../upstream/epmm/v1-admin-dto.js';
import type { UserModel, UserSource } from './user.js';

/** `userSource` is a character code: 76 ('L') local, 68 ('D') directory. */
const SOURCES: Record<number, UserSource> = { 76: 'LOCAL', 68: 'LDAP' };

export function epmmAccountToUser(account: SmUser | LdapUser): UserModel {
  return {
    kind: 'User',
    source: 'EPMM',
    principal: account.principal,
    displayName: blankToNull(account.displayName),
    email: blankToNull(account.email),
    firstName: blankToNull(account.firstName),
    lastName: blankToNull(account.lastName),
    userSource: account.userSource === undefined ? null : (SOURCES[account.userSource] ?? null),
  };
}

/** The E34 sample's lastName is " ": whitespace is no name. */
function blankToNull(text: string | undefined): string | null {
  return text === undefined || text.trim() === '' ? null : text;
}
