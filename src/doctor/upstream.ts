// The doctor's view of an upstream: the gateway's own UpstreamHttp (same pool, path prefix, timeouts and error
// mapping, so what the doctor sees is what the gateway will see), read-only by construction, and telling the
// doctor about each call, each decode warning and each answer (for --record).
import { basicAuthorization, type Credential } from '../auth/credentials.js';
import { parseBaseUrl } from '../upstream/base-url.js';
import type { DecodeWarning } from '../upstream/decode-warnings.js';
import { UpstreamHttp, type CallRecord, type UpstreamRequest } from '../upstream/http.js';

export interface Answer {
  request: UpstreamRequest;
  /** A copy taken before the client decoded it (lenient decoding repairs bodies in place). */
  body: unknown;
}

export interface ProbeListener {
  onCall(call: CallRecord): void;
  onDecodeWarning(warning: DecodeWarning): void;
  onAnswer(answer: Answer): void;
}

/**
 * UpstreamHttp that hands a copy of every JSON answer to the doctor. `guardStateChanges` is always on and the
 * doctor never takes a state-change permit (state-change-permit.ts), so a non-idempotent route is refused before
 * anything is sent, whatever a probe calls.
 */
export class DoctorHttp extends UpstreamHttp {
  constructor(
    name: string,
    baseUrl: string,
    timeoutMs: number,
    private readonly listener: ProbeListener,
  ) {
    const { origin, pathPrefix } = parseBaseUrl(baseUrl);
    super(name, origin, {
      connections: 2,
      timeoutMs,
      guardStateChanges: true,
      pathPrefix,
      onCall: (call) => listener.onCall(call),
      onDecodeWarning: (warning) => listener.onDecodeWarning(warning),
    });
  }

  override async requestJson(request: UpstreamRequest): Promise<unknown> {
    refuseUnlessGet(request);
    const body = await super.requestJson(request);
    this.listener.onAnswer({ request, body: structuredClone(body) });
    return body;
  }

  override requestText(request: UpstreamRequest, accept?: string): Promise<string> {
    refuseUnlessGet(request);
    return super.requestText(request, accept);
  }
}

/** Stricter than the guard: even reads sent as POST (V04's export) are not the doctor's to send. */
function refuseUnlessGet(request: UpstreamRequest): void {
  if (request.route.method !== 'GET')
    throw new Error(`doctor: ${request.route.method} ${request.route.path} is not a GET`);
}

export function doctorCredential(username: string, password: string): Credential {
  // `scope` keys the gateway's cache; the doctor has none.
  return { username, authorization: basicAuthorization(username, password), scope: 'doctor' };
}
