// Where an upstream lives: an origin for the connection pool and a path prefix for every route. Real servers are
// often reached under a path (EPMM's own samples call https://[Ivanti EPMM]/admin/rest/api/v2/devices, reverse
// proxies publish it under /company), so EPMM_URL and NEURONS_URL are split here, by one rule for both.

export interface UpstreamBase {
  /** `scheme://host[:port]`, what the undici Pool connects to. */
  origin: string;
  /** `''` or `/a/b`: prepended to every route path (UpstreamHttp's `pathPrefix`). */
  pathPrefix: string;
}

export class InvalidBaseUrl extends Error {}

/** One path segment: unreserved or sub-delim characters, or percent-escapes; never a dot segment. */
const SEGMENT = /^(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+$/;

/** Whether `prefix` is `''` or `/segment(/segment)*` with no empty or dot segment. */
export function isValidPathPrefix(prefix: string): boolean {
  if (prefix === '') return true;
  if (!prefix.startsWith('/')) return false;
  return prefix
    .slice(1)
    .split('/')
    .every((segment) => SEGMENT.test(segment) && segment !== '.' && segment !== '..');
}

/**
 * Splits an http(s) base URL into origin and path prefix; a trailing slash is dropped. Refused, with a reason
 * fit for a configuration message: another scheme, credentials in the URL, a query or fragment, an odd path.
 */
export function parseBaseUrl(text: string): UpstreamBase {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new InvalidBaseUrl('must be an absolute URL such as https://epmm.example.com or https://host/company');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidBaseUrl('must start with http:// or https://');
  }
  if (url.username || url.password) throw new InvalidBaseUrl('must not carry credentials (user:password@)');
  if (url.search || text.includes('?')) throw new InvalidBaseUrl('must not have a query (?…)');
  if (url.hash || text.includes('#')) throw new InvalidBaseUrl('must not have a fragment (#…)');
  const pathPrefix = url.pathname.replace(/\/+$/, '');
  if (!isValidPathPrefix(pathPrefix)) {
    throw new InvalidBaseUrl(`has a path that cannot prefix API routes ('${url.pathname}'): no empty or dot segments`);
  }
  return { origin: url.origin, pathPrefix };
}

/** The normalised form (`origin` + `pathPrefix`, no trailing slash) a valid base URL is kept in. */
export function normaliseBaseUrl(text: string): string {
  const { origin, pathPrefix } = parseBaseUrl(text);
  return origin + pathPrefix;
}
