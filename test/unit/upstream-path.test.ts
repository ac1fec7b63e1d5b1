// buildPath (src/upstream/route.ts): whatever a client sends, a path parameter stays one segment that names
// something, for every kind of parameter, even after the upstream decodes (once or more) and normalises it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPath,
  InvalidPathParameter,
  isSafePathSegment,
  PATH_PARAM_PATTERNS,
  type UpstreamRoute,
} from '../../src/upstream/route.js';

const KINDS = Object.keys(PATH_PARAM_PATTERNS);

/** Every form a server on the way might act on: percent-decoded until nothing changes, and NFKC-normalised. */
function readings(segment: string): string[] {
  const forms = [segment];
  for (let form = segment, i = 0; i < 8; i++) {
    const decoded = form.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (decoded === form) break;
    forms.push((form = decoded));
  }
  return forms.flatMap((form) => [form, form.normalize('NFKC'), form.split(';', 1)[0]]);
}

/**
 * What makes `path` unsafe, or undefined: `/x/<value>/y` must keep exactly one segment between the fixed ones, and
 * no reading of it may be a dot segment or hold a separator. Plain checks, one `expect` per run in the caller: the
 * property runs thousands of times, and an `expect` per reading was most of this file's time.
 */
function unsafeReading(path: string): string | undefined {
  const segments = path.split('/');
  if (segments.length !== 4) return `${segments.length - 2} segments`;
  return readings(segments[2]).find((reading) => /^\.{1,2}$/.test(reading) || /[/\\]/.test(reading));
}

/** Strings built from what traversal is made of, so that the permissive kinds accept many of them. */
const PARTS = ['.', '..', '%2e', '%2E', '%252e', '%2f', '%5c', '%c0%ae', '/', '\\', ';', ' '];
PARTS.push('\u3000', '\uff0e', '\uff0f', '\u2024', 'a', 'Z', '0', '9', '@', '-', '+', '_', ',', '%', 'e');
const HOSTILE = fc.array(fc.constantFrom(...PARTS), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

/** Values each kind's own pattern accepts (a lookahead, which fast-check cannot generate from, is dropped). */
const matching = (kind: string) =>
  fc.stringMatching(new RegExp(PATH_PARAM_PATTERNS[kind].source.replace(/\(\?![^)]*\)/g, '')));

describe('buildPath', () => {
  it.each(KINDS)('never yields a dot segment or a separator for :%s, however the value is decoded', (kind) => {
    const route: UpstreamRoute = { method: 'GET', path: `/x/:${kind}/y`, idempotent: true };
    fc.assert(
      fc.property(fc.oneof(HOSTILE, matching(kind), fc.string({ unit: 'binary', maxLength: 12 })), (value) => {
        let path: string;
        try {
          path = buildPath(route, { [kind]: value });
        } catch (error) {
          if (!(error instanceof InvalidPathParameter)) throw error;
          return;
        }
        expect(unsafeReading(path), path).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses dot segments and encoded ones for every kind whose pattern admits them', () => {
    const hostile = ['.', '..', '...', '.. ', '..;x', '%2e%2e', '.%2E', '%2E.', '%252e%252e', 'a%2fb', 'a%5Cb'];
    hostile.push('\uff0e\uff0e', 'a\uff0fb');
    for (const kind of KINDS) {
      const route: UpstreamRoute = { method: 'GET', path: `/x/:${kind}`, idempotent: true };
      for (const value of hostile) {
        expect(() => buildPath(route, { [kind]: value }), `${kind}=${value}`).toThrow(InvalidPathParameter);
      }
    }
  });

  it('keeps ordinary values of the permissive kinds', () => {
    const user: UpstreamRoute = { method: 'GET', path: '/api/v1/sm/users/:userName', idempotent: true };
    expect(buildPath(user, { userName: 'john.doe@example.com' })).toBe('/api/v1/sm/users/john.doe%40example.com');
    expect(isSafePathSegment('Sales (EMEA) 50% off')).toBe(true);
    expect(isSafePathSegment('.hidden')).toBe(true);
    expect(isSafePathSegment('v1.2')).toBe(true);
  });

  it('refuses a parameter without a declared kind, including inherited property names', () => {
    const route: UpstreamRoute = { method: 'GET', path: '/x/:constructor', idempotent: true };
    expect(() => buildPath(route, { constructor: 'a' })).toThrow(InvalidPathParameter);
  });
});
