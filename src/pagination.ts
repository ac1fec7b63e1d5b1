// The one pagination helper: offset cursors (every upstream pages by offset) and `first` validation.
import { GatewayError } from './errors.js';

const CURSOR_PREFIX = 'offset:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

/** Returns the offset of the item after the cursor (0 without a cursor). */
export function offsetAfter(after: string | null | undefined): number {
  if (after === null || after === undefined) return 0;
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const offset = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || encodeCursor(offset) !== after) {
    throw new GatewayError('BAD_USER_INPUT', 'The `after` cursor is not valid.', { field: ['after'] });
  }
  return offset + 1;
}

export const DEFAULT_PAGE_SIZE = 50;

export function pageSize(first: number | null | undefined, max: number): number {
  if (first === null || first === undefined) return Math.min(DEFAULT_PAGE_SIZE, max);
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw new GatewayError('BAD_USER_INPUT', `\`first\` must be between 0 and ${max}.`, { field: ['first'] });
  }
  return first;
}
