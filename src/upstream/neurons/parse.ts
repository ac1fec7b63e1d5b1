import type { z } from 'zod';
import { GatewayError } from '../../errors.js';
import { Envelope } from './dto.js';

/** Reads the first error's key, when Neurons names one (the non-null `errors` shape is undocumented). */
function firstKey(errors: unknown): string | undefined {
  const first = Array.isArray(errors) ? (errors[0] as unknown) : errors;
  if (typeof first === 'object' && first !== null && 'messageKey' in first && typeof first.messageKey === 'string') return first.messageKey;
  return undefined;
}

/** Unwraps `{errors, result}` and validates `result`; a non-null `errors` is reported as the refusal it is. */
export function parseNeurons<T extends z.ZodType>(schema: T, body: unknown, what: string): z.infer<T> {
  const envelope = Envelope.safeParse(body);
  if (!envelope.success || !('result' in (body as object))) throw new GatewayError('UPSTREAM_ERROR', `Neurons sent an unexpected ${what} response.`);
  const { errors, result } = envelope.data;
  if (errors !== null && errors !== undefined && !(Array.isArray(errors) && errors.length === 0)) {
    const key = firstKey(errors);
    throw new GatewayError(key?.includes('validation') ? 'BAD_USER_INPUT' : 'UPSTREAM_ERROR', `Neurons refused the ${what} request.`, key ? { upstreamMessageKey: key } : {});
  }
  const parsed = schema.safeParse(result);
  if (!parsed.success) throw new GatewayError('UPSTREAM_ERROR', `Neurons sent an unexpected ${what} response.`);
  return parsed.data;
}
