// The configuration as a person reads it at start (LOG_FORMAT=pretty): a short aligned table of what decides how
// the gateway behaves, every secret left out or masked. JSON logs carry the whole masked configuration instead, as
// one structured entry (src/main.ts). EPMM_URL and NEURONS_URL cannot carry credentials (src/config.ts refuses
// them), so they are shown as set.
import { type GatewayConfig, maskUrlPassword } from '../config.js';
import type { LogFormat } from './log-format.js';

const MIB = 1024 * 1024;

/** The rows of the table: setting group, value; `logFormat` is the one this process writes. */
export function configSummary(config: GatewayConfig, logFormat: LogFormat): Array<[string, string]> {
  const neurons =
    config.neuronsUrl === 'off'
      ? 'off'
      : config.neuronsUrl
        ? config.neuronsUrl
        : config.epmmUrl
          ? 'none (NEURONS_URL unset)'
          : 'embedded simulator';
  const { service } = config.auth;
  const verifier = service.jwt.secret
    ? 'JWT (HS256)'
    : service.jwt.publicKeyFile
      ? `JWT (${service.jwt.algorithm})`
      : service.jwt.jwksFile
        ? 'JWT (JWKS file)'
        : undefined;
  const callers = [verifier, service.apiKeysFile ? 'API keys' : undefined].filter(Boolean).join(', ');
  const auth =
    config.auth.mode === 'service'
      ? `service account ${service.username}; callers by ${callers}`
      : "pass-through (each caller's own MDM credentials)";
  const { limits } = config;
  return [
    ['listen', `http://${config.host}:${config.port}${config.graphiql ? ' (GraphiQL at /graphql)' : ''}`],
    [
      'EPMM',
      config.epmmUrl
        ? config.epmmUrl
        : `embedded simulator (${config.simulator.devices} devices, seed ${config.simulator.seed})`,
    ],
    ['Neurons', neurons],
    ['auth', auth],
    [
      'cache',
      config.cache.maxEntries === 0
        ? 'off'
        : `${config.cache.maxEntries} entries, ${Math.round(config.cache.maxBytes / MIB)} MiB; response cache ${config.responseCache.enabled ? 'on' : 'off'}`,
    ],
    ['Redis', config.redis ? maskUrlPassword(config.redis.url) : 'off (in-process state)'],
    ['workers', String(config.workers)],
    [
      'limits',
      `depth ${limits.maxDepth}, cost ${limits.maxCost}, page ${config.maxPageSize}; introspection ${limits.introspection ? 'on' : 'off'}`,
    ],
    ['audit log', config.mutations.auditLogFile],
    [
      'metrics',
      `/metrics${config.metricsToken ? ' (bearer token)' : ''}; tracing ${config.otlpEndpoint ? maskUrlPassword(config.otlpEndpoint) : 'off'}`,
    ],
    ['logs', `${config.logLevel}, ${logFormat}`],
  ];
}

/** Rows as `  name   value` lines, names padded to one column, under a heading. */
export function configTable(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([name]) => name.length));
  return ['configuration:', ...rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`)].join('\n');
}
