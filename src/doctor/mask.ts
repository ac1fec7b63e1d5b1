// Masks personal data in recorded upstream answers (`mdmgraph doctor --record`), so that a user can attach them
// to a bug report and they can become test fixtures. Pseudonyms are consistent within a recording: the same value
// always becomes the same fake, of the same shape (digits stay digits, case and separators stay, an e-mail stays
// an e-mail), so a device's uuid in a search still names it in its details file. The key is random per run: a
// fake cannot be hashed back to the original, even for small spaces such as IMEIs.
import { createHmac, randomBytes } from 'node:crypto';

type Kind = 'name' | 'email' | 'phone' | 'imei' | 'serial' | 'mac' | 'uuid' | 'ip';

/** Keys are compared lowercased, after the last `.` (`user.email_address`, `ios.DeviceName`), without `_ -`. */
const KEY_KINDS: ReadonlyArray<[RegExp, Kind]> = [
  [/e?mail/, 'email'],
  [/phone|msisdn|callingnumber/, 'phone'],
  [/imei|meid|iccid|imsi|^eid$/, 'imei'],
  [/serial/, 'serial'],
  [/mac(address)?$|^wifimac|bluetoothmac|ethernetmac/, 'mac'],
  [/uuid|udid|guid|^uid$|accountuid/, 'uuid'],
  [/ipaddress|^ip$|ipv[46]/, 'ip'],
  // Compound keys end with the datum's name (`userLastName`, `registeredUserEmail`); the short ones must be whole.
  [/(displayname|firstname|lastname|fullname|username|userid|principal|ownername|devicename|entityname)$/, 'name'],
  [/^(cn|dn|distinguishedname|userprincipalname|samaccountname|user|login|caller|admins?|adminusers?)$/, 'name'],
  [/^(createdby|modifiedby|updatedby|lastmodifiedby)$/, 'name'],
];

/** Path parameters (route.ts) and query parameters that carry personal data. */
const PARAM_KINDS: Readonly<Record<string, Kind>> = {
  userName: 'name',
  phoneNumber: 'phone',
  easUuid: 'uuid',
  mac: 'mac',
  uuid: 'uuid',
  search: 'name',
  q: 'name',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAC = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$|^[0-9a-f]{12}$/i;
/** 8 to 17 digits, maybe after a `+`, standing alone: a phone number, IMEI or serial inside free text. */
const DIGIT_RUN = /(?<![\w.:+-])\+?\d{8,17}(?![\w.:-])/g;
/** Substrings shorter than this are not searched for inside free text (too many false hits). */
const MIN_EMBEDDED = 4;

function normaliseKey(key: string): string {
  const last = key.includes('.') ? key.slice(key.lastIndexOf('.') + 1) : key;
  return last.toLowerCase().replace(/[\s_-]/g, '');
}

export function kindOfKey(key: string): Kind | undefined {
  const name = normaliseKey(key);
  return KEY_KINDS.find(([pattern]) => pattern.test(name))?.[1];
}

export class Masker {
  private readonly key: Buffer;
  private readonly fakes = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  /** Every original value masked so far (for the free-text pass and for tests). */
  originals(): string[] {
    return [...this.fakes.keys()];
  }

  /** The fake for one value: the same value always gets the same fake, and two values never share one. */
  value(original: string, kind: Kind): string {
    const known = this.fakes.get(original);
    if (known !== undefined) return known;
    let fake = original;
    for (let round = 0; round < 16 && (fake === original || this.used.has(fake)); round++)
      fake = this.fake(original, kind, round);
    this.fakes.set(original, fake);
    this.used.add(fake);
    return fake;
  }

  /**
   * A deep copy of a JSON value with personal data replaced: by key name (and `{name, value}` pairs such as EPMM's
   * details), by the shape of a value (e-mails, UUIDs, MACs anywhere), then every masked original found inside
   * any other string (a name in an alert message).
   */
  json(value: unknown): unknown {
    const structured = this.walk(value, undefined);
    return this.embedded(structured);
  }

  /** Masks one path parameter or query value by its parameter name (route.ts's names, EPMM's query names). */
  param(name: string, value: string): string {
    if (name === 'phoneNumbers')
      return value
        .split(',')
        .map((phone) => (phone === 'PDA' ? phone : this.value(phone, 'phone')))
        .join(',');
    const kind = PARAM_KINDS[name] ?? kindOfKey(name) ?? shapeKind(value);
    const masked = kind ? this.value(value, kind === 'name' ? (shapeKind(value) ?? kind) : kind) : value;
    return this.embedded(masked) as string;
  }

  private walk(value: unknown, key: string | undefined): unknown {
    if (Array.isArray(value)) return value.map((item) => this.walk(item, key));
    if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      // `{name: 'ios.DeviceName', value: "Ann's iPhone"}`: the pair's name says what the value is.
      const pairKind = typeof record.name === 'string' && 'value' in record ? kindOfKey(record.name) : undefined;
      const out: Record<string, unknown> = {};
      for (const [field, item] of Object.entries(record)) {
        const maskedKey = shapeKind(field) ? this.value(field, shapeKind(field)!) : field;
        out[maskedKey] = pairKind && field === 'value' ? this.leaf(item, pairKind) : this.walk(item, field);
      }
      return out;
    }
    const kind = key === undefined ? undefined : kindOfKey(key);
    return kind ? this.leaf(value, kind) : typeof value === 'string' ? this.byShape(value) : value;
  }

  private leaf(value: unknown, kind: Kind): unknown {
    // A comma list of names (DS01's `admins: "ann, bob"`): each name on its own, so each stays consistent.
    if (typeof value === 'string' && kind === 'name' && value.includes(',')) {
      return value.replace(/[^,\s][^,]*[^,\s]|[^,\s]/g, (part) => this.value(part, shapeKind(part) ?? kind));
    }
    if (typeof value === 'string')
      return value === '' ? value : this.value(value, kind === 'name' ? (shapeKind(value) ?? kind) : kind);
    if (typeof value === 'number' && Number.isSafeInteger(value) && kind !== 'name') {
      const fake = Number(this.value(String(value), kind));
      return Number.isSafeInteger(fake) ? fake : value;
    }
    if (Array.isArray(value) || (value !== null && typeof value === 'object')) return this.walk(value, undefined);
    return value;
  }

  private byShape(value: string): string {
    const kind = shapeKind(value);
    if (kind) return this.value(value, kind);
    // Free text (an alert's "… for Phone #: 14155550100 (ann) …"): long digit runs are phone numbers or IMEIs.
    return /\s/.test(value) ? value.replace(DIGIT_RUN, (run) => this.value(run, 'phone')) : value;
  }

  /** Replaces every masked original found inside a string, longest first. */
  private embedded(value: unknown): unknown {
    const originals = this.originals()
      .filter((original) => original.length >= MIN_EMBEDDED)
      .sort((a, b) => b.length - a.length);
    if (originals.length === 0) return value;
    const replace = (text: string): string => {
      let out = text;
      for (const original of originals)
        if (out.includes(original)) out = out.split(original).join(this.fakes.get(original)!);
      return out;
    };
    const visit = (item: unknown): unknown => {
      if (typeof item === 'string') return replace(item);
      if (Array.isArray(item)) return item.map(visit);
      if (item !== null && typeof item === 'object') {
        return Object.fromEntries(
          Object.entries(item as Record<string, unknown>).map(([key, inner]) => [replace(key), visit(inner)]),
        );
      }
      return item;
    };
    return visit(value);
  }

  private fake(original: string, kind: Kind, round: number): string {
    const stream = this.stream(`${kind}\u0000${round}\u0000${original}`, original.length * 2 + 8);
    let at = 0;
    const next = () => stream[at++ % stream.length];
    if (kind === 'email') {
      const [local, domain] = [
        original.slice(0, original.lastIndexOf('@')),
        original.slice(original.lastIndexOf('@') + 1),
      ];
      // The domain says which company: a fake one, consistent too, under the reserved .example top-level domain.
      const fakeDomain = `${scramble(domain.split('.')[0] ?? 'x', next, false)}.example`;
      return `${scramble(local, next, false)}@${fakeDomain.toLowerCase()}`;
    }
    const hex = kind === 'uuid' || kind === 'mac' || /^[0-9a-f:-]+$/i.test(original);
    return scramble(original, next, hex);
  }

  private stream(seed: string, length: number): Buffer {
    const parts: Buffer[] = [];
    for (let block = 0; parts.length * 32 < length; block++) {
      parts.push(createHmac('sha256', this.key).update(`${block}\u0000${seed}`).digest());
    }
    return Buffer.concat(parts);
  }
}

/** The kind a value's own shape reveals, wherever it stands. */
function shapeKind(value: string): Kind | undefined {
  if (EMAIL.test(value)) return 'email';
  if (UUID.test(value)) return 'uuid';
  if (MAC.test(value) && /[a-f:-]/i.test(value)) return 'mac';
  return undefined;
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const HEX_LOWER = '0123456789abcdef';

/** Same length and shape: each digit a digit, each letter a letter of the same case (hex stays hex), the rest kept. */
function scramble(text: string, next: () => number, hex: boolean): string {
  let out = '';
  for (const char of text) {
    if (char >= '0' && char <= '9') out += String(next() % 10);
    else if (hex && /[a-f]/.test(char)) out += HEX_LOWER[next() % 16];
    else if (hex && /[A-F]/.test(char)) out += HEX_LOWER[next() % 16].toUpperCase();
    else if (char >= 'a' && char <= 'z') out += LOWER[next() % 26];
    else if (char >= 'A' && char <= 'Z') out += UPPER[next() % 26];
    else if (/\p{L}/u.test(char)) out += char === char.toLowerCase() ? LOWER[next() % 26] : UPPER[next() % 26];
    else out += char;
  }
  return out;
}
