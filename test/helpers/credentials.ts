import { basicAuthorization, parseBasicAuthorization, type Credential } from '../../src/auth/credentials.js';

/** The parsed Basic credential of a simulator admin (their password is their name unless given). */
export function adminCredential(name: string, password = name): Credential {
  const credential = parseBasicAuthorization(basicAuthorization(name, password));
  if (!credential) throw new Error(`cannot build a credential for ${name}`);
  return credential;
}
