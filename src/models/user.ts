import type { ConnectionModel, EdgeModel } from './connection.js';
import type { UserSource } from '../generated/enums.js';

// GraphQL enums (schema/*.graphql): the SDL is the single source of their values. UserSource: where an EPMM
// account lives, created in EPMM (`userSource` 76, 'L') or imported from LDAP (68, 'D').
export type { UserSource };

/** A person as the gateway models them, whichever MDM they come from. */
export interface UserModel {
  /** The GraphQL type, read by Node.__resolveType (src/resolvers/Node.ts). */
  kind: 'User';
  source: 'EPMM' | 'NEURONS';
  /** Login name; the key of a User. */
  principal: string;
  displayName: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Known only from EPMM's user calls (E34, E35); device rows do not say. */
  userSource?: UserSource | null;
}

export type UserConnectionModel = ConnectionModel<UserModel>;
export type UserEdgeModel = EdgeModel<UserModel>;
