// The OS version range of a DeviceFilter as EPMM search terms. EPMM compares `common.os_version` as text, where
// "9" > "10" and "17.10" < "17.4"; a numeric range cannot be said exactly in 255 characters of text comparisons
// (each other first digit would need its own clause). Text order equals version order when the compared
// components have as many digits on both sides, so the gateway accepts only bounds whose major has two digits
// (every iOS, Android, macOS and Windows release since 2019) and compiles them to one `>=` / `<` comparison.
// The limits are written down in docs/decisions.md ("OS version range").
import { GatewayError } from '../../errors.js';
import { comparison } from './search-query.js';

const OS_VERSION_FIELD = 'common.os_version';
/** A two-digit major, then up to three numeric components (`10.0.22631`, `17.4.1`). */
const BOUND = /^[1-9]\d(\.\d{1,6}){0,3}$/;

export interface OsVersionRange {
  atLeast?: string | null;
  below?: string | null;
}

export function osVersionTerms(range: OsVersionRange): string[] {
  const atLeast = bound(range.atLeast, 'osVersionAtLeast');
  const below = bound(range.below, 'osVersionBelow');
  if (atLeast !== undefined && below !== undefined && compareVersions(atLeast, below) >= 0) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      `filter.osVersionAtLeast (${atLeast}) must be lower than filter.osVersionBelow (${below}); the range is empty.`,
      {
        field: ['filter', 'osVersionAtLeast'],
      },
    );
  }
  return [
    ...(atLeast === undefined ? [] : [comparison(OS_VERSION_FIELD, '>=', atLeast)]),
    ...(below === undefined ? [] : [comparison(OS_VERSION_FIELD, '<', below)]),
  ];
}

function bound(value: string | null | undefined, name: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  const version = value.trim();
  if (!BOUND.test(version)) {
    throw new GatewayError(
      'BAD_USER_INPUT',
      `filter.${name} must be a dotted version with a two-digit major, such as "13", "17.4" or "10.0.22631" (EPMM compares versions as text, so a one-digit major cannot be ranged correctly; use \`query\` for older versions).`,
      { field: ['filter', name] },
    );
  }
  return version;
}

/** Numeric, component by component; a missing component counts as 0 (`17` = `17.0`). */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
