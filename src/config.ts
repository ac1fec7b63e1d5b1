// All configuration, parsed and validated in one place. A wrong value stops the process with a message
// naming the setting and what is allowed.
import { z } from 'zod';

const optionalUrl = z
  .string()
  .trim()
  .url()
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
  .optional()
  .or(z.literal('').transform(() => undefined));

const intFrom = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const EnvSchema = z.object({
  PORT: intFrom(0, 65535, 4000),
  HOST: z.string().default('127.0.0.1'),
  EPMM_URL: optionalUrl,
  EPMM_TIMEOUT_MS: intFrom(100, 300_000, 15_000),
  EPMM_CONNECTIONS: intFrom(1, 1024, 32),
  MAX_PAGE_SIZE: intFrom(1, 10_000, 200),
  CACHE_MAX_ENTRIES: intFrom(0, 10_000_000, 20_000),
  CACHE_MAX_BYTES: intFrom(1024, 8 * 1024 ** 3, 64 * 1024 ** 2),
  CACHE_DEVICE_TTL_MS: intFrom(0, 86_400_000, 30_000),
  CACHE_SPACES_TTL_MS: intFrom(0, 86_400_000, 300_000),
  CACHE_REFERENCE_TTL_MS: intFrom(0, 86_400_000, 3_600_000),
  GRAPHIQL: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  MAX_DEPTH: intFrom(2, 100, 12),
  MAX_ALIASES: intFrom(0, 1000, 15),
  MAX_DIRECTIVES: intFrom(0, 1000, 20),
  MAX_TOKENS: intFrom(100, 100_000, 3000),
  MAX_COST: intFrom(1, 10_000_000, 20_000),
  INTROSPECTION: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  SIM_DEVICES: intFrom(1, 1_000_000, 1000),
  SIM_SEED: intFrom(0, 2 ** 31 - 1, 1),
});

export interface GatewayConfig {
  port: number;
  host: string;
  /** Where EPMM lives; undefined means "start the embedded simulator". */
  epmmUrl: string | undefined;
  upstream: { timeoutMs: number; connections: number };
  maxPageSize: number;
  cache: { maxEntries: number; maxBytes: number; ttlMs: { device: number; spaces: number; reference: number } };
  graphiql: boolean;
  limits: { maxDepth: number; maxAliases: number; maxDirectives: number; maxTokens: number; maxCost: number; introspection: boolean };
  logLevel: string;
  /** When set, /metrics requires `Authorization: Bearer <token>`. A secret: never printed. */
  metricsToken: string | undefined;
  simulator: { devices: number; seed: number };
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    epmmUrl: e.EPMM_URL?.replace(/\/+$/, ''),
    upstream: { timeoutMs: e.EPMM_TIMEOUT_MS, connections: e.EPMM_CONNECTIONS },
    maxPageSize: e.MAX_PAGE_SIZE,
    cache: {
      maxEntries: e.CACHE_MAX_ENTRIES,
      maxBytes: e.CACHE_MAX_BYTES,
      ttlMs: { device: e.CACHE_DEVICE_TTL_MS, spaces: e.CACHE_SPACES_TTL_MS, reference: e.CACHE_REFERENCE_TTL_MS },
    },
    graphiql: e.GRAPHIQL,
    limits: {
      maxDepth: e.MAX_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxCost: e.MAX_COST,
      // On for the embedded simulator (exploring is the point), off by default against a real MDM.
      introspection: e.INTROSPECTION === undefined ? e.EPMM_URL === undefined : e.INTROSPECTION === 'true',
    },
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    simulator: { devices: e.SIM_DEVICES, seed: e.SIM_SEED },
  };
}

/** The configuration as printed at start, secrets masked. */
export function describeConfig(config: GatewayConfig): string {
  return JSON.stringify({ ...config, epmmUrl: config.epmmUrl ?? '(embedded simulator)', metricsToken: config.metricsToken ? '***' : undefined });
}
