import { basicAuthorization, parseBasicAuthorization, type Credential } from '../../src/auth/credentials.js';
import { KeyedDigest } from '../../src/auth/keyed-digest.js';

/** The keyed digest of tests that parse credentials without a gateway (any fixed secret of the minimum length). */
export const TEST_DIGEST = new KeyedDigest('test-gateway-secret-of-32-chars!');

/** The parsed Basic credential of a simulator admin (their password is their name unless given). */
export function adminCredential(name: string, password = name): Credential {
  const credential = parseBasicAuthorization(basicAuthorization(name, password), TEST_DIGEST);
  if (!credential) throw new Error(`cannot build a credential for ${name}`);
  return credential;
}
