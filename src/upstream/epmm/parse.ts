import type { z } from 'zod';
import { GatewayError } from '../../errors.js';
import { decodeLenient, decodeReporterOf, type DecodeReporter } from '../decode-warnings.js';
import { MessagesEnvelope } from './dto.js';

/**
 * Validates an EPMM body against its schema. EPMM may answer an error as a `messages` envelope with a 2xx
 * status; that is reported as the error it is, not as a malformed body. Any other misfit goes to the repair step
 * (docs/decisions.md "Tolerant decoding"): items are repaired or dropped alone, the envelope stays strict.
 */
export function parseEpmm<T extends z.ZodType>(
  schema: T,
  body: unknown,
  what: string,
  report: DecodeReporter = decodeReporterOf(body),
): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const envelope = MessagesEnvelope.safeParse(body);
  if (envelope.success && envelope.data.messages[0].type === 'Error') {
    const key = envelope.data.messages[0].messageKey;
    const code = key.includes('parse.failure') || key.includes('validation') ? 'BAD_USER_INPUT' : 'UPSTREAM_ERROR';
    throw new GatewayError(code, `EPMM refused the ${what} request.`, { upstreamMessageKey: key });
  }
  const lenient = decodeLenient(schema, body, report);
  if (lenient.success) return lenient.data;
  throw new GatewayError('UPSTREAM_ERROR', `EPMM sent an unexpected ${what} response.`);
}
