import type { z } from 'zod';
import { GatewayError } from '../../errors.js';
import { decodeLenient, decodeReporterOf, type DecodeReporter } from '../decode-warnings.js';
import { Envelope, NEURONS_VARIANTS } from './dto.js';

/** Reads the first error's key, when Neurons names one (the non-null `errors` shape is undocumented). */
function firstKey(errors: unknown): string | undefined {
  const first = Array.isArray(errors) ? (errors[0] as unknown) : errors;
  if (typeof first === 'object' && first !== null && 'messageKey' in first && typeof first.messageKey === 'string')
    return first.messageKey;
  return undefined;
}

/**
 * Unwraps `{errors, result}` strictly and decodes `result` leniently: a record that does not fit is repaired field
 * by field or dropped alone, each leniency reported (docs/decisions.md "Tolerant decoding"). A non-null `errors`
 * is reported as the refusal it is.
 */
export function parseNeurons<T extends z.ZodType>(
  schema: T,
  body: unknown,
  what: string,
  report: DecodeReporter = decodeReporterOf(body),
): z.infer<T> {
  const envelope = Envelope.safeParse(body);
  if (!envelope.success || !('result' in (body as object)))
    throw new GatewayError('UPSTREAM_ERROR', `Neurons sent an unexpected ${what} response.`);
  const { errors, result } = envelope.data;
  if (errors !== null && errors !== undefined && !(Array.isArray(errors) && errors.length === 0)) {
    const key = firstKey(errors);
    throw new GatewayError(
      key?.includes('validation') ? 'BAD_USER_INPUT' : 'UPSTREAM_ERROR',
      `Neurons refused the ${what} request.`,
      key ? { upstreamMessageKey: key } : {},
    );
  }
  const parsed = decodeLenient(schema, result, report, { variants: NEURONS_VARIANTS });
  if (!parsed.success) throw new GatewayError('UPSTREAM_ERROR', `Neurons sent an unexpected ${what} response.`);
  return parsed.data;
}
