// `--realism varied`: answers with the variations real servers show (docs/decisions.md "Tolerant decoding"), so the
// gateway's lenient decoding is exercised end to end. `strict` (the default) answers exactly as documented.
// Applied to the rendered body of a route, never to the world: the same request always varies the same way.

export type Realism = 'strict' | 'varied';

export function parseRealism(value: unknown): Realism {
  if (value === 'strict' || value === 'varied') return value;
  throw new Error(`realism must be 'strict' or 'varied', got '${String(value)}'`);
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Returns the body as a varied server would send it (a copy; the route's own body is left alone). */
export function varyResponse(routeKey: string, body: unknown, query: URLSearchParams): unknown {
  if (!isObject(body)) return body;
  const copy = structuredClone(body);
  if (routeKey === 'GET /neurons/api/v1/device') varyNeuronsDevices(copy, query);
  else if (routeKey.startsWith('GET /neurons/api/v1/rule_group')) varyNeuronsGroups(copy);
  else if (routeKey === 'GET /neurons/api/v1/group') varyNeuronsGroups(copy);
  else if (routeKey === 'GET /api/v2/devices') varyEpmmRows(copy);
  return copy;
}

const NEURONS_TIMES = [
  'lastCheckin',
  'lastRegistrationTime',
  'clientLastCheckin',
  'createdAt',
  'modifiedAt',
  'lastRefresh',
];
const ABRIDGED = [
  'id',
  'entityName',
  'platformType',
  'platformVersion',
  'lastCheckin',
  'registrationState',
  'dmPartitionId',
];

/** Neurons NG13: ISO, epoch-seconds and numeric-string times, abridged records, masked keys, null facet counts. */
function varyNeuronsDevices(body: Json, query: URLSearchParams): void {
  const result = body.result;
  if (!isObject(result) || !Array.isArray(result.searchResults)) return;
  const requested = query.get('fields')?.split(',').filter(Boolean);
  result.searchResults = result.searchResults.map((record: Json, index) => {
    // A field selection answers only the fields asked for, the name under `entityName`, without `guid`.
    if (requested) return abridge(record, ['id', 'entityName', ...requested]);
    switch (index % 4) {
      case 1:
        return {
          ...times(record, NEURONS_TIMES, 'iso'),
          uid: record.uid === null ? null : '*****',
          phoneNumber: spacedPhone(record.phoneNumber),
        };
      case 2: {
        const { deviceName: _name, ...rest } = times(record, NEURONS_TIMES, 'seconds');
        const ownerId = record.ownerId === null ? null : String(record.ownerId as number);
        return { ...rest, ownerId, dmPartitionId: String(record.dmPartitionId) };
      }
      case 3:
        return abridge(times(record, NEURONS_TIMES, 'string'), ABRIDGED);
      default:
        return record;
    }
  });
  const facets = result.facetedResults;
  if (isObject(facets)) {
    for (const terms of Object.values(facets)) {
      const first = isObject(terms) ? Object.keys(terms)[0] : undefined;
      if (first !== undefined) (terms as Json)[first] = null;
    }
  }
}

/** Neurons groups: ISO times on every other group, a null member count on every third. */
function varyNeuronsGroups(body: Json): void {
  const result = body.result;
  if (!isObject(result)) return;
  const groups = Array.isArray(result.searchResults) ? (result.searchResults as Json[]) : [result];
  groups.forEach((group, index) => {
    if (index % 2 === 1) Object.assign(group, times(group, NEURONS_TIMES, 'iso'));
    if (index % 3 === 2 && 'memberCount' in group) group.memberCount = null;
  });
}

/** EPMM V01 rows: epoch-millis and epoch-seconds times beside the ISO ones, masked user ids, phone formats. */
function varyEpmmRows(body: Json): void {
  if (!Array.isArray(body.results)) return;
  (body.results as Json[]).forEach((row, index) => {
    for (const key of Object.keys(row)) {
      const value = row[key];
      const time = key.endsWith('_at') || key.endsWith('_date');
      if (time && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
        if (index % 3 === 1) row[key] = Date.parse(value);
        if (index % 3 === 2) row[key] = Math.floor(Date.parse(value) / 1000);
      }
      if (key.includes('phone_number') && index % 2 === 1) row[key] = spacedPhone(value);
    }
    if (index % 5 === 4 && typeof row['user.user_id'] === 'string') row['user.user_id'] = '*****';
  });
}

function abridge(record: Json, keep: readonly string[]): Json {
  const out: Json = {};
  for (const key of keep) if (key in record) out[key] = record[key];
  return out;
}

function times(record: Json, keys: readonly string[], style: 'iso' | 'seconds' | 'string'): Json {
  const out = { ...record };
  for (const key of keys) {
    const value = out[key];
    if (typeof value !== 'number') continue;
    if (style === 'iso') out[key] = new Date(value).toISOString();
    else out[key] = style === 'seconds' ? Math.floor(value / 1000) : String(value);
  }
  return out;
}

/** The formats real records carry: `+1 (555) 010-0199`, `555.010.0199`; digits kept. */
function spacedPhone(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const digits = value.replace(/\D/g, '');
  if (digits.length < 10) return value;
  const tail = digits.slice(-10);
  const head = digits.slice(0, -10);
  const [area, exchange, line] = [tail.slice(0, 3), tail.slice(3, 6), tail.slice(6)];
  return head ? `+${head} (${area}) ${exchange}-${line}` : `${area}.${exchange}.${line}`;
}
