/** A person as the gateway models them, whichever MDM they come from. */
export interface UserModel {
  source: 'EPMM' | 'NEURONS';
  /** Login name; the key of a User. */
  principal: string;
  displayName: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
}
