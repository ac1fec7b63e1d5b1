// Test hooks (outside /api): call counters, latency and fault injection, so tests and benchmarks can
// count upstream calls and rehearse failures. They are part of the simulator's documented API (README).
import { parseRealism, type Realism } from './realism.js';

export interface FaultSpec {
  /** Route key, e.g. `GET /api/v2/devices` (the route's documented path pattern). */
  route: string;
  status?: number;
  /** Seconds, sent as a Retry-After header. */
  retryAfter?: number;
  delayMs?: number;
  /** Destroy the connection instead of answering. */
  reset?: boolean;
  /** Answer with a truncated JSON body. */
  malformed?: boolean;
  /** How many matching requests the fault applies to; absent means always. */
  times?: number;
  /** How many matching requests pass untouched before the fault applies (a failure in the middle of a series). */
  skip?: number;
}

export interface HookConfig {
  latencyMs: number;
  jitterMs: number;
  faults: FaultSpec[];
  /** `varied`: answers carry the variations real servers show (realism.ts). */
  realism: Realism;
}

export class TestHooks {
  private byRoute = new Map<string, number>();
  private total = 0;
  readonly config: HookConfig;

  constructor(latencyMs = 0, jitterMs = 0, realism: Realism = 'strict') {
    this.config = { latencyMs, jitterMs, faults: [], realism };
  }

  count(routeKey: string): void {
    this.total += 1;
    this.byRoute.set(routeKey, (this.byRoute.get(routeKey) ?? 0) + 1);
  }

  stats(): { total: number; byRoute: Record<string, number> } {
    return { total: this.total, byRoute: Object.fromEntries(this.byRoute) };
  }

  reset(): void {
    this.total = 0;
    this.byRoute.clear();
  }

  /** Applies a `POST /__sim/config` body; only the keys present change. */
  configure(input: unknown): void {
    if (typeof input !== 'object' || input === null) throw new Error('config body must be a JSON object');
    const body = input as Record<string, unknown>;
    if (body.latencyMs !== undefined) this.config.latencyMs = nonNegative(body.latencyMs, 'latencyMs');
    if (body.jitterMs !== undefined) this.config.jitterMs = nonNegative(body.jitterMs, 'jitterMs');
    if (body.realism !== undefined) this.config.realism = parseRealism(body.realism);
    if (body.faults !== undefined) {
      if (!Array.isArray(body.faults)) throw new Error('faults must be an array');
      this.config.faults = body.faults.map(parseFault);
    }
  }

  delayMs(): number {
    const { latencyMs, jitterMs } = this.config;
    return latencyMs + (jitterMs > 0 ? Math.random() * jitterMs : 0);
  }

  /** Takes the first fault that matches the route, spending one of its `times`. */
  takeFault(routeKey: string): FaultSpec | undefined {
    const index = this.config.faults.findIndex((fault) => fault.route === routeKey);
    if (index < 0) return undefined;
    const fault = this.config.faults[index];
    if (fault.skip !== undefined && fault.skip > 0) {
      fault.skip -= 1;
      return undefined;
    }
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.config.faults.splice(index, 1);
    }
    return fault;
  }
}

function nonNegative(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number`);
  return value;
}

function parseFault(value: unknown): FaultSpec {
  if (typeof value !== 'object' || value === null) throw new Error('each fault must be an object');
  const f = value as Record<string, unknown>;
  if (typeof f.route !== 'string' || !/^(GET|POST|PUT|DELETE) \//.test(f.route)) {
    throw new Error('fault.route must look like "GET /api/v2/devices"');
  }
  const fault: FaultSpec = { route: f.route };
  if (f.status !== undefined) fault.status = nonNegative(f.status, 'status');
  if (f.retryAfter !== undefined) fault.retryAfter = nonNegative(f.retryAfter, 'retryAfter');
  if (f.delayMs !== undefined) fault.delayMs = nonNegative(f.delayMs, 'delayMs');
  if (f.times !== undefined) fault.times = nonNegative(f.times, 'times');
  if (f.skip !== undefined) fault.skip = nonNegative(f.skip, 'skip');
  if (f.reset !== undefined) fault.reset = f.reset === true;
  if (f.malformed !== undefined) fault.malformed = f.malformed === true;
  return fault;
}
