// Seeded randomness for the fleet generator. Math.random is never used: a world must be reproducible from its seed.

/** A weighted choice: the value and its relative weight (weights need not sum to 1). */
export type Weighted<T> = readonly [value: T, weight: number];

/**
 * mulberry32: 32-bit state, fast and good enough for test data; not cryptographic.
 * Every helper draws from `next()`, so the sequence of calls fully determines the output.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(entries: readonly Weighted<T>[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /** Epoch ms in [startMs, endMs]. */
  dateBetween(startMs: number, endMs: number): number {
    return startMs + Math.floor(this.next() * (endMs - startMs + 1));
  }

  // The string builders below fill a char-code array and convert once. Repeated `+=` would leave V8 rope
  // strings behind, which cost about a quarter of a 100k-device world's memory.

  /** `count` lower-case hex digits. */
  hex(count: number): string {
    return this.fromAlphabet(HEX, count);
  }

  /** `count` decimal digits (leading zeros allowed). */
  digits(count: number): string {
    return this.fromAlphabet(DIGITS, count);
  }

  /** `count` characters from `alphabet`. */
  chars(alphabet: string, count: number): string {
    return this.fromAlphabet(alphabet, count);
  }

  /** A lower-case RFC 4122 version-4-shaped UUID drawn from this stream. */
  uuid(): string {
    const codes = new Array<number>(36);
    for (let i = 0; i < 36; i++) codes[i] = HEX.charCodeAt(Math.floor(this.next() * 16));
    codes[8] = codes[13] = codes[18] = codes[23] = DASH;
    codes[14] = FOUR; // version 4
    codes[19] = HEX.charCodeAt(8 + Math.floor(this.next() * 4)); // variant 10xx: 8, 9, a or b
    return String.fromCharCode(...codes);
  }

  private fromAlphabet(alphabet: string, count: number): string {
    const codes = new Array<number>(count);
    for (let i = 0; i < count; i++) codes[i] = alphabet.charCodeAt(Math.floor(this.next() * alphabet.length));
    return String.fromCharCode(...codes);
  }
}

const HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const DASH = 0x2d;
const FOUR = 0x34;

/** FNV-1a: a stable 32-bit hash, used to seed per-entity streams from an identifier. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
