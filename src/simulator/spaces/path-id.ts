// Path ids of the device-space routes: a decimal integer within the documented range, else the usual 400.
import { validationError } from './admin-scope.js';

export function pathId(text: string | undefined, name: string, min = 1, max = 10_000_000): number {
  const value = text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(value)) throw validationError(`${name}: '${text ?? ''}' is not a number.`, name);
  if (value < min || value > max)
    throw validationError(`${name}: Must be at least ${min} and no more than ${max.toLocaleString('en-US')}.`, name);
  return value;
}
