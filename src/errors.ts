import { GraphQLError } from 'graphql';

/** The only codes a client ever sees in `extensions.code` (ARCHITECTURE §3). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'RATE_LIMITED'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_ERROR'
  | 'NOT_SUPPORTED_BY_SOURCE'
  | 'INTERNAL_SERVER_ERROR';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

/**
 * An expected failure with a code. Yoga passes GraphQLErrors through its error masking, so the message
 * must never contain upstream bodies or credentials; everything else a resolver throws is masked.
 */
export class GatewayError extends GraphQLError {
  constructor(readonly code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    const status = HTTP_STATUS[code];
    super(message, {
      extensions: {
        code,
        ...extra,
        // No `WWW-Authenticate: Basic` challenge: a browser would prompt, then remember and resend the credentials
        // by itself; clients send Authorization up front (docs/decisions.md).
        ...(status ? { http: { status } } : {}),
      },
    });
  }
}
