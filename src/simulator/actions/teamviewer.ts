// V22: a TeamViewer remote-display session. TeamViewer itself is not simulated: the session ids are derived
// from the device and the time of the call, the group and account from the World's seed (one installation).
import { SeededRandom, hashString } from '../fleet/random.js';
import type { SimDevice } from '../fleet/types.js';

const SESSION_LIFETIME_MS = 3_600_000;
const LINK_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export interface TeamViewerSession {
  httpStatus: string;
  error: string | null;
  error_description: string | null;
  error_code: string | null;
  error_signature: string | null;
  code: string;
  state: string;
  groupid: string;
  end_customer: string | null;
  description: string | null;
  assigned_userid: string;
  end_customer_link: string;
  supporter_link: string;
  valid_until: string;
}

export function createSession(seed: number, device: SimDevice, now: number): TeamViewerSession {
  const second = Math.floor(now / 1000);
  const session = new SeededRandom(hashString(`teamviewer/${device.uuid}/${second}`));
  const account = new SeededRandom(hashString(`teamviewer-account/${seed}`));
  const digits = session.digits(8);
  const code = `s${digits.slice(0, 2)}-${digits.slice(2, 5)}-${digits.slice(5)}`;
  const endCustomerLink = `https://get.teamviewer.com/s${digits}`;
  return {
    httpStatus: 'OK',
    error: null,
    error_description: null,
    error_code: null,
    error_signature: null,
    code,
    state: 'Open',
    groupid: `g${account.digits(8)}`,
    end_customer: null,
    description: null,
    assigned_userid: `u${account.digits(8)}`,
    end_customer_link: endCustomerLink,
    // The sample wraps this link in [ ], a documentation artefact; the link itself is returned.
    supporter_link: `${endCustomerLink}-${session.chars(LINK_ALPHABET, 12)}`,
    valid_until: new Date(second * 1000 + SESSION_LIFETIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}
