import type { SeededRandom } from './random.js';
import type { SerialStyle } from './hardware.js';

// Hardware and network identifiers in the shapes real devices report, so that values pasted from the
// simulator into a real console (or the reverse) look alike.

const UPPER_ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

/** Appends the Luhn check digit that IMEIs and ICCIDs carry. */
export function withLuhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits + String((10 - (sum % 10)) % 10);
}

export function imei(rng: SeededRandom, tac: string): string {
  return withLuhnDigit(tac + rng.digits(6));
}

/** 15 digits: the operator's MCC+MNC, then the subscriber number. */
export function imsi(rng: SeededRandom, mccMnc: string): string {
  return mccMnc + rng.digits(15 - mccMnc.length);
}

/** E.164 with "+", as EPMM stores numbers entered at registration. */
export function phoneNumber(rng: SeededRandom, dialCode: string): string {
  return `+${dialCode}${rng.int(2, 9)}${rng.digits(9)}`;
}

/**
 * Colon-separated lower-case MAC, the `common.wifi_mac_address` form. Phones use per-network private
 * addresses, which set the locally-administered bit (the sample's "6a:02:…" is one).
 */
export function wifiMac(rng: SeededRandom, privateAddress: boolean): string {
  let first = rng.int(0, 255) & 0xfc;
  if (privateAddress) first |= 0x02;
  const rest = rng.hex(10).match(/../g) ?? [];
  return [first.toString(16).padStart(2, '0'), ...rest].join(':');
}

export function privateIpAddress(rng: SeededRandom): string {
  switch (rng.int(0, 2)) {
    case 0:
      return `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    case 1:
      return `172.${rng.int(16, 31)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    default:
      return `192.168.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  }
}

export function serialNumber(rng: SeededRandom, style: SerialStyle): string {
  switch (style) {
    case 'apple':
      return rng.chars(UPPER_ALNUM, 12);
    case 'samsung':
      return `R5C${rng.chars(UPPER_ALNUM, 8)}`;
    case 'google':
      return `${rng.int(1, 3)}${rng.chars(UPPER_ALNUM, 13)}`;
    case 'zebra':
      return rng.digits(14);
    case 'dell':
      return rng.chars(UPPER_ALNUM, 7);
    case 'lenovo':
      return `PF${rng.chars(UPPER_ALNUM, 6)}`;
    case 'microsoft':
      return rng.digits(12);
  }
}
