// All configuration, parsed and validated in one place. A wrong value stops the process with a message
// naming the setting and what is allowed.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { InvalidBaseUrl, normaliseBaseUrl } from './upstream/base-url.js';

const optionalUrl = z
  .string()
  .trim()
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
  .optional()
  .or(z.literal('').transform(() => undefined));

/**
 * An upstream's base URL (EPMM_URL, NEURONS_URL): http(s), no credentials, query or fragment; its path is kept as
 * the prefix of every call and a trailing slash is dropped (src/upstream/base-url.ts).
 */
const optionalBaseUrl = <Word extends string = never>(...words: Word[]) =>
  z
    .string()
    .trim()
    .transform((text, ctx): string | Word | undefined => {
      if (text === '') return undefined;
      if ((words as string[]).includes(text)) return text as Word;
      try {
        return normaliseBaseUrl(text);
      } catch (error) {
        if (!(error instanceof InvalidBaseUrl)) throw error;
        const or = words.length ? ` (or ${words.join(', ')})` : '';
        // The value is echoed to help, except a password it may carry.
        const shown = text.replace(/\/\/[^/@]*@/, '//***@');
        ctx.addIssue({ code: 'custom', message: `${error.message}${or}, got '${shown}'` });
        return z.NEVER;
      }
    })
    .optional();

const intFrom = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

/** One allowed shape of the device export: its `fields` and `filter` parameters (absent: BASIC, no filter). */
const ExportShape = z
  .object({
    fields: z
      .string()
      .regex(/^\s*\w+(\s*,\s*\w+)*\s*$/)
      .optional(),
    filter: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .strict();
export type ExportShape = z.infer<typeof ExportShape>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** How Device.labels is read (src/loaders/device-labels-plan.ts). */
export const LABELS_PLAN_MODES = ['auto', 'per-device', 'members'] as const;
export type LabelsPlanMode = (typeof LABELS_PLAN_MODES)[number];

const EnvSchema = z
  .object({
    CONFIG_FILE: z.string().min(1).optional(),
    PORT: intFrom(0, 65535, 4000),
    HOST: z.string().default('127.0.0.1'),
    EPMM_URL: optionalBaseUrl(),
    // `off` disables Neurons even with the embedded simulator (fields that need it answer NOT_SUPPORTED_BY_SOURCE).
    NEURONS_URL: optionalBaseUrl('off'),
    EPMM_TIMEOUT_MS: intFrom(100, 300_000, 15_000),
    // The largest fan-out the gateway plans: one call per device of a 200-device page (src/loaders/batching.ts).
    EPMM_CONNECTIONS: intFrom(1, 1024, 200),
    OPERATION_DEADLINE_MS: intFrom(100, 600_000, 30_000),
    UPSTREAM_MAX_ATTEMPTS: intFrom(1, 10, 3),
    UPSTREAM_RETRY_BASE_MS: intFrom(1, 60_000, 100),
    UPSTREAM_RETRY_MAX_MS: intFrom(1, 600_000, 2_000),
    BREAKER_FAILURES: intFrom(1, 1000, 5),
    BREAKER_OPEN_MS: intFrom(100, 3_600_000, 10_000),
    UPSTREAM_RATE_LIMIT: intFrom(0, 100_000, 0),
    UPSTREAM_RATE_BURST: intFrom(0, 100_000, 0),
    MAX_PAGE_SIZE: intFrom(1, 10_000, 200),
    CACHE_MAX_ENTRIES: intFrom(0, 10_000_000, 20_000),
    CACHE_MAX_BYTES: intFrom(1024, 8 * 1024 ** 3, 64 * 1024 ** 2),
    CACHE_DEVICE_TTL_MS: intFrom(0, 86_400_000, 30_000),
    CACHE_ALERTS_TTL_MS: intFrom(0, 86_400_000, 15_000),
    CACHE_SPACES_TTL_MS: intFrom(0, 86_400_000, 300_000),
    CACHE_REFERENCE_TTL_MS: intFrom(0, 86_400_000, 3_600_000),
    // Whole query responses per caller (src/cache/response-cache.ts); off whenever CACHE_MAX_ENTRIES=0.
    RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
    RESPONSE_CACHE_MAX_BYTES: intFrom(1024, 8 * 1024 ** 3, 32 * 1024 ** 2),
    // `off` only for the benchmark's baseline: true-batch loaders then make one upstream call per key.
    BATCHING: z.enum(['on', 'off']).default('on'),
    // off: every device search asks for every field (the benchmark's baseline for projection).
    PROJECTION: z.enum(['on', 'off']).default('on'),
    // How Device.labels is read (docs/data-loading.md, "Device labels: two plans"); the two fixed plans are baselines.
    LABELS_PLAN: z.enum(LABELS_PLAN_MODES).default('auto'),
    // on: operations run through graphql-jit (compiled once per document) instead of graphql-js's interpreter.
    GRAPHQL_JIT: z.enum(['on', 'off']).default('on'),
    GRAPHIQL: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    // The reference portal at /portal (docs/decisions.md "The reference portal"): `auto` serves it with the embedded
    // simulator only, `on` against a real MDM too (signing in on its page), `off` never.
    PORTAL: z.enum(['auto', 'on', 'off']).default('auto'),
    MAX_DEPTH: intFrom(2, 100, 12),
    MAX_ALIASES: intFrom(0, 1000, 15),
    MAX_DIRECTIVES: intFrom(0, 1000, 20),
    MAX_TOKENS: intFrom(100, 100_000, 3000),
    MAX_COST: intFrom(1, 10_000_000, 20_000),
    // Items in any one list argument or input field (ids, label ids, names…), checked with the variables' values.
    MAX_LIST_ITEMS: intFrom(1, 100_000, 200),
    INTROSPECTION: z.enum(['true', 'false']).optional(),
    AUTH_MODE: z.enum(['passthrough', 'service']).default('passthrough'),
    EPMM_USERNAME: z.string().min(1).optional(),
    EPMM_PASSWORD: z.string().min(1).optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
    JWT_ALGORITHM: z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA']).default('RS256'),
    JWKS_FILE: z.string().min(1).optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    // A bearer token must carry `exp` and `iat`, be at most JWT_MAX_AGE seconds old and expire within as long.
    JWT_REQUIRE_EXP: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
    JWT_MAX_AGE: intFrom(60, 366 * 86_400, 86_400),
    API_KEYS_FILE: z.string().min(1).optional(),
    PERSISTED_OPERATIONS_FILE: z.string().min(1).optional(),
    PERSISTED_OPERATIONS_STRICT: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    MAX_BODY_BYTES: intFrom(1024, 100 * 1024 * 1024, 256 * 1024),
    // Rows per V04 export call behind /export/devices.csv; 2000 is V04's maximum `limit`.
    EXPORT_PAGE_SIZE: intFrom(1, 2000, 2000),
    // The export's allowed shapes, a JSON array of {"fields": "BASIC,USER", "filter": {…}}: unset, any shape (none
    // in strict persisted mode); `[]` disables the export (src/plugins/persisted-operations.ts).
    EXPORT_ALLOWED_SHAPES: z
      .string()
      .trim()
      .optional()
      .transform((text, ctx) => {
        if (!text) return undefined;
        const shapes = z.array(ExportShape).safeParse(parseJson(text));
        if (shapes.success) return shapes.data;
        const message = 'must be a JSON array of {"fields": "BASIC,USER", "filter": {…}} (both optional)';
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }),
    SHUTDOWN_TIMEOUT_MS: intFrom(0, 600_000, 10_000),
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Unset: pretty on a terminal, JSON lines otherwise (src/observability/log-format.ts).
    LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    MAX_DESTRUCTIVE_ITEMS: intFrom(1, 10_000, 50),
    ACTION_BATCH_SIZE: intFrom(1, 10_000, 100),
    IDEMPOTENCY_TTL_MS: intFrom(1000, 7 * 86_400_000, 86_400_000),
    AUDIT_LOG_FILE: z.string().min(1).default('./data/audit.jsonl'),
    // The HMAC secret of credential and password digests (src/auth/keyed-digest.ts); replicas must share it.
    GATEWAY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    GATEWAY_SECRET_FILE: z.string().min(1).optional(),
    PASSTHROUGH_SCOPES_FILE: z.string().min(1).optional(),
    SIM_DEVICES: intFrom(1, 1_000_000, 1000),
    SIM_SEED: intFrom(0, 2 ** 31 - 1, 1),
    // 0: the embedded fleet stands still; else it ticks every N ms (src/simulator/live/control.ts, at least 10).
    SIM_TICK_MS: intFrom(0, 86_400_000, 0).refine((ms) => ms === 0 || ms >= 10, 'must be 0 or at least 10'),
    // The optional shared tier for N replicas: L2 cache, cross-replica invalidation, one upstream rate limit.
    REDIS_URL: z
      .string()
      .trim()
      .url()
      .refine((value) => /^rediss?:\/\//.test(value), 'must start with redis:// or rediss://')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    REDIS_KEY_PREFIX: z.string().min(1).default('mdmgraph:'),
    REDIS_TIMEOUT_MS: intFrom(10, 60_000, 500),
    WORKERS: intFrom(1, 256, 1),
    // Live subscriptions (docs/subscriptions.md): each scope's poller starts at SUBSCRIPTION_POLL_MS, doubles up to
    // SUBSCRIPTION_POLL_MAX_MS while nothing changes (or on errors), and polls at SUBSCRIPTION_ACTION_POLL_MS while
    // an actionProgress is watched in its scope.
    SUBSCRIPTION_POLL_MS: intFrom(100, 3_600_000, 5000),
    SUBSCRIPTION_POLL_MAX_MS: intFrom(100, 3_600_000, 60_000),
    SUBSCRIPTION_ACTION_POLL_MS: intFrom(100, 3_600_000, 1000),
    SUBSCRIPTION_ACTION_DEADLINE_MS: intFrom(1000, 86_400_000, 120_000),
    SUBSCRIPTION_QUEUE: intFrom(1, 100_000, 100),
    SUBSCRIPTION_RETENTION: intFrom(1, 1_000_000, 1000),
    SUBSCRIPTION_DEVICE_WINDOW: intFrom(1, 2000, 200),
  })
  .superRefine((env, ctx) => {
    if (env.PERSISTED_OPERATIONS_STRICT && !env.PERSISTED_OPERATIONS_FILE) {
      ctx.addIssue({
        code: 'custom',
        path: ['PERSISTED_OPERATIONS_FILE'],
        message: 'is required when PERSISTED_OPERATIONS_STRICT=true',
      });
    }
    if (env.GATEWAY_SECRET && env.GATEWAY_SECRET_FILE) {
      const message = 'set only one of GATEWAY_SECRET, GATEWAY_SECRET_FILE';
      ctx.addIssue({ code: 'custom', path: ['GATEWAY_SECRET'], message });
    }
    if (env.REDIS_URL && !env.GATEWAY_SECRET && !env.GATEWAY_SECRET_FILE) {
      // Replicas must agree on the digests in Redis keys; a secret generated per machine would not (keyed-digest.ts).
      const message = 'GATEWAY_SECRET or GATEWAY_SECRET_FILE is required with REDIS_URL';
      ctx.addIssue({ code: 'custom', path: ['GATEWAY_SECRET'], message });
    }
    if (env.AUTH_MODE !== 'service') return;
    if (!env.EPMM_USERNAME)
      ctx.addIssue({ code: 'custom', path: ['EPMM_USERNAME'], message: 'is required when AUTH_MODE=service' });
    if (!env.EPMM_PASSWORD)
      ctx.addIssue({ code: 'custom', path: ['EPMM_PASSWORD'], message: 'is required when AUTH_MODE=service' });
    const verifiers = [env.JWT_SECRET, env.JWT_PUBLIC_KEY_FILE, env.JWKS_FILE].filter(Boolean).length;
    if (verifiers > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'set only one of JWT_SECRET, JWT_PUBLIC_KEY_FILE, JWKS_FILE',
      });
    if (verifiers === 0 && !env.API_KEYS_FILE) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_MODE'],
        message: 'service mode needs JWT_SECRET, JWT_PUBLIC_KEY_FILE, JWKS_FILE or API_KEYS_FILE',
      });
    }
  });

export interface GatewayConfig {
  port: number;
  host: string;
  /** Where EPMM lives; undefined means "start the embedded simulator". */
  epmmUrl: string | undefined;
  /** Neurons for MDM base URL (a path is kept as the client's prefix); 'off' disables it; undefined: the embedded simulator's when EPMM_URL is unset, else none. */
  neuronsUrl: string | 'off' | undefined;
  upstream: {
    timeoutMs: number;
    connections: number;
    resilience: {
      operationDeadlineMs: number;
      retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
      breaker: { failureThreshold: number; openMs: number };
      rateLimit?: { ratePerSecond: number; burst: number };
    };
  };
  maxPageSize: number;
  cache: {
    maxEntries: number;
    maxBytes: number;
    ttlMs: { device: number; alerts: number; spaces: number; reference: number };
  };
  /** The per-caller response cache: on unless RESPONSE_CACHE=off or the shared cache is off; bounded by bytes. */
  responseCache: { enabled: boolean; maxBytes: number };
  /** BATCHING=off: one key per call in the true-batch loaders (benchmark baseline only). */
  batching: boolean;
  /** PROJECTION=off: device searches ask for every field instead of the selected ones (benchmark baseline). */
  projection: boolean;
  /** LABELS_PLAN: `auto` picks, per page, V25 per device or each label's members by cost; the others force one. */
  labelsPlan: LabelsPlanMode;
  /** GRAPHQL_JIT=on: execution by graphql-jit. */
  graphqlJit: boolean;
  graphiql: boolean;
  /** Serve the reference portal at /portal: PORTAL=on, or `auto` (the default) with the embedded simulator. */
  portal: boolean;
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxDirectives: number;
    maxTokens: number;
    maxCost: number;
    /** Items in any one list of an argument, at any depth (MAX_LIST_ITEMS). */
    maxListItems: number;
    introspection: boolean;
  };
  persistedOperations: { file: string | undefined; strict: boolean };
  maxBodyBytes: number;
  /** Rows per upstream call of the CSV export. */
  exportPageSize: number;
  /** The only export shapes answered (EXPORT_ALLOWED_SHAPES); undefined: any, none in strict persisted mode. */
  exportAllowedShapes: ExportShape[] | undefined;
  shutdownTimeoutMs: number;
  auth: {
    mode: 'passthrough' | 'service';
    /** Service-account mode only. The password and JWT secret are secrets: never printed or logged. */
    service: {
      username: string;
      password: string;
      jwt: {
        secret?: string;
        publicKeyFile?: string;
        algorithm: string;
        jwksFile?: string;
        issuer?: string;
        audience?: string;
        /** `exp` and `iat` required; the token's age and remaining lifetime at most `maxAgeSeconds`. */
        requireExp: boolean;
        maxAgeSeconds: number;
      };
      apiKeysFile?: string;
    };
  };
  /** Device actions and administrative changes. */
  mutations: {
    /** Items per destructive operation (wipe, retire, delete…). */
    maxDestructiveItems: number;
    /** Devices per state-changing upstream call. */
    actionBatchSize: number;
    idempotencyTtlMs: number;
    /** Append-only JSON lines. */
    auditLogFile: string;
  };
  /** Pass-through mode: a JSON file mapping MDM admin names (and "*") to gateway scopes; unset: every scope. */
  passThroughScopesFile: string | undefined;
  /**
   * The HMAC secret of credential and password digests: `value` (a secret, never printed) or read from `file`,
   * which is created when missing if `generate` (no REDIS_URL). See src/auth/keyed-digest.ts.
   */
  gatewaySecret: { value: string | undefined; file: string; generate: boolean };
  logLevel: string;
  /** LOG_FORMAT: `pretty` or `json`; undefined: pretty when stdout is a terminal (src/observability/log-format.ts). */
  logFormat: 'pretty' | 'json' | undefined;
  /** OTLP/HTTP collector base URL; unset disables tracing. */
  otlpEndpoint: string | undefined;
  /** When set, /metrics requires `Authorization: Bearer <token>`. A secret: never printed. */
  metricsToken: string | undefined;
  /** tickMs: how often the embedded simulator's world ticks; 0 = never. */
  simulator: { devices: number; seed: number; tickMs: number };
  /** Shared L2 cache and rate limiter across replicas; undefined means in-process only. The URL may hold a password: never printed. */
  redis: { url: string; keyPrefix: string; timeoutMs: number } | undefined;
  /** Processes sharing the port (node:cluster); 1 is a single process. */
  workers: number;
  /** Live subscriptions: poll intervals, per-subscriber queue, per-scope retention (docs/subscriptions.md). */
  subscriptions: {
    pollMs: number;
    maxPollMs: number;
    actionPollMs: number;
    actionDeadlineMs: number;
    queue: number;
    retention: number;
    deviceWindow: number;
  };
}

export class ConfigError extends Error {}

function readConfigFile(file: string | undefined): Record<string, string> {
  if (!file) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration:\n  CONFIG_FILE: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError(`Invalid configuration:\n  CONFIG_FILE: ${file} must hold a JSON object of settings`);
  const unknown = Object.keys(parsed).filter((key) => !(key in EnvSchema.shape));
  if (unknown.length)
    throw new ConfigError(`Invalid configuration:\n  CONFIG_FILE: unknown settings ${unknown.join(', ')}`);
  // A structured value (EXPORT_ALLOWED_SHAPES) is kept as the JSON text the environment would carry.
  const text = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : `${value}`);
  return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, text(value)]));
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * Reads the configuration from the environment and, when CONFIG_FILE names one, a JSON file of the same
 * settings (`{"EPMM_URL": "...", "MAX_COST": 5000}`); the environment wins over the file.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = EnvSchema.safeParse({ ...readConfigFile(env.CONFIG_FILE), ...definedOnly(env) });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    // One problem, one line (what a start-up log shows first); several, one line each.
    if (problems.length === 1) throw new ConfigError(`Invalid configuration: ${problems[0]}`);
    throw new ConfigError(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    epmmUrl: e.EPMM_URL,
    neuronsUrl: e.NEURONS_URL,
    upstream: {
      timeoutMs: e.EPMM_TIMEOUT_MS,
      connections: e.EPMM_CONNECTIONS,
      resilience: {
        operationDeadlineMs: e.OPERATION_DEADLINE_MS,
        retry: {
          maxAttempts: e.UPSTREAM_MAX_ATTEMPTS,
          baseDelayMs: e.UPSTREAM_RETRY_BASE_MS,
          maxDelayMs: e.UPSTREAM_RETRY_MAX_MS,
        },
        breaker: { failureThreshold: e.BREAKER_FAILURES, openMs: e.BREAKER_OPEN_MS },
        ...(e.UPSTREAM_RATE_LIMIT > 0
          ? {
              rateLimit: {
                ratePerSecond: e.UPSTREAM_RATE_LIMIT,
                burst: e.UPSTREAM_RATE_BURST || e.UPSTREAM_RATE_LIMIT,
              },
            }
          : {}),
      },
    },
    maxPageSize: e.MAX_PAGE_SIZE,
    cache: {
      maxEntries: e.CACHE_MAX_ENTRIES,
      maxBytes: e.CACHE_MAX_BYTES,
      ttlMs: {
        device: e.CACHE_DEVICE_TTL_MS,
        alerts: e.CACHE_ALERTS_TTL_MS,
        spaces: e.CACHE_SPACES_TTL_MS,
        reference: e.CACHE_REFERENCE_TTL_MS,
      },
    },
    responseCache: {
      enabled: e.RESPONSE_CACHE === 'on' && e.CACHE_MAX_ENTRIES > 0,
      maxBytes: e.RESPONSE_CACHE_MAX_BYTES,
    },
    batching: e.BATCHING === 'on',
    projection: e.PROJECTION === 'on',
    labelsPlan: e.LABELS_PLAN,
    graphqlJit: e.GRAPHQL_JIT === 'on',
    graphiql: e.GRAPHIQL,
    portal: e.PORTAL === 'on' || (e.PORTAL === 'auto' && e.EPMM_URL === undefined),
    limits: {
      maxDepth: e.MAX_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxCost: e.MAX_COST,
      maxListItems: e.MAX_LIST_ITEMS,
      // On for the embedded simulator (exploring is the point), off by default against a real MDM.
      introspection: e.INTROSPECTION === undefined ? e.EPMM_URL === undefined : e.INTROSPECTION === 'true',
    },
    auth: {
      mode: e.AUTH_MODE,
      service: {
        username: e.EPMM_USERNAME ?? '',
        password: e.EPMM_PASSWORD ?? '',
        jwt: {
          secret: e.JWT_SECRET,
          publicKeyFile: e.JWT_PUBLIC_KEY_FILE,
          algorithm: e.JWT_ALGORITHM,
          jwksFile: e.JWKS_FILE,
          issuer: e.JWT_ISSUER,
          audience: e.JWT_AUDIENCE,
          requireExp: e.JWT_REQUIRE_EXP,
          maxAgeSeconds: e.JWT_MAX_AGE,
        },
        apiKeysFile: e.API_KEYS_FILE,
      },
    },
    persistedOperations: { file: e.PERSISTED_OPERATIONS_FILE, strict: e.PERSISTED_OPERATIONS_STRICT },
    maxBodyBytes: e.MAX_BODY_BYTES,
    exportPageSize: e.EXPORT_PAGE_SIZE,
    subscriptions: {
      pollMs: e.SUBSCRIPTION_POLL_MS,
      maxPollMs: Math.max(e.SUBSCRIPTION_POLL_MS, e.SUBSCRIPTION_POLL_MAX_MS),
      actionPollMs: e.SUBSCRIPTION_ACTION_POLL_MS,
      actionDeadlineMs: e.SUBSCRIPTION_ACTION_DEADLINE_MS,
      queue: e.SUBSCRIPTION_QUEUE,
      retention: e.SUBSCRIPTION_RETENTION,
      deviceWindow: e.SUBSCRIPTION_DEVICE_WINDOW,
    },
    exportAllowedShapes: e.EXPORT_ALLOWED_SHAPES,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    mutations: {
      maxDestructiveItems: e.MAX_DESTRUCTIVE_ITEMS,
      actionBatchSize: e.ACTION_BATCH_SIZE,
      idempotencyTtlMs: e.IDEMPOTENCY_TTL_MS,
      auditLogFile: e.AUDIT_LOG_FILE,
    },
    passThroughScopesFile: e.PASSTHROUGH_SCOPES_FILE,
    gatewaySecret: {
      value: e.GATEWAY_SECRET,
      file: e.GATEWAY_SECRET_FILE ?? join(dirname(e.AUDIT_LOG_FILE), 'gateway-secret'),
      generate: !e.REDIS_URL,
    },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    metricsToken: e.METRICS_TOKEN,
    simulator: { devices: e.SIM_DEVICES, seed: e.SIM_SEED, tickMs: e.SIM_TICK_MS },
    redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, timeoutMs: e.REDIS_TIMEOUT_MS } : undefined,
    workers: e.WORKERS,
  };
}

/** The configuration as printed at start, secrets masked. */
export function describeConfig(config: GatewayConfig): string {
  return JSON.stringify(maskedConfig(config));
}

/** The configuration with every secret masked: what a start-up log entry may carry. */
export function maskedConfig(config: GatewayConfig): Record<string, unknown> {
  const { service } = config.auth;
  return {
    ...config,
    epmmUrl: config.epmmUrl ?? '(embedded simulator)',
    metricsToken: config.metricsToken ? '***' : undefined,
    gatewaySecret: { ...config.gatewaySecret, value: config.gatewaySecret.value ? '***' : undefined },
    redis: config.redis ? { ...config.redis, url: maskUrlPassword(config.redis.url) } : undefined,
    auth: {
      mode: config.auth.mode,
      ...(config.auth.mode === 'service'
        ? {
            service: {
              ...service,
              password: '***',
              jwt: { ...service.jwt, secret: service.jwt.secret ? '***' : undefined },
            },
          }
        : {}),
    },
  };
}

/** `redis://user:secret@host` -> `redis://user:***@host`, for logs and the start-up line. */
export function maskUrlPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
