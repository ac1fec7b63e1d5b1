// CLI entry: `mdmgraph serve` (default), `mdmgraph simulate` and `mdmgraph doctor` (src/doctor/cli.ts).
// The simulator and the doctor are imported when a command needs them, not at start: `serve` against a real EPMM
// loads neither (docs/decisions.md "Compiled build, start-up and memory").
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { shareMetricsWithPrimary } from './cluster-metrics.js';
import { embeddedSimulatorFromPrimary, isClusterWorker, superviseWorkers } from './cluster.js';
import { ConfigError, describeConfig, loadConfig, type GatewayConfig } from './config.js';
import { createLogger } from './observability/logger.js';
import { createGateway } from './server.js';
import type { Realism } from './simulator/realism.js';

const EMBEDDED_ADMIN = { username: 'miadmin', password: 'miadmin' };
/** The idempotency keys one store holds, in process (src/server.ts) as in a cluster's primary. */
const IDEMPOTENCY_MAX_ENTRIES = 100_000;
/**
 * How far V8 lets the old generation grow past what its last full collection kept, in percent. V8's own factor
 * reaches 4x under a burst of requests, nearly all of it garbage that a later collection frees: the process held
 * 165-225 MiB after a 10-second load that leaves under 40 MiB live; at 30%, 145-150 MiB at the same CPU per
 * request (docs/decisions.md "Compiled build, start-up and memory", docs/BENCHMARKS.md). It also keeps a full
 * cache from costing up to 4x its size. V8 reads the flag at each collection, so setting it here takes effect
 * (the young generation's size, by contrast, is fixed at start: `--max-semi-space-size`, see README);
 * `node --heap-growing-percent=N` on the command line wins.
 */
const HEAP_GROWING_PERCENT = 30;

function boundHeapGrowth(): void {
  if (process.execArgv.some((arg) => arg.startsWith('--heap-growing-percent'))) return;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

async function startEmbeddedSimulator(config: GatewayConfig) {
  const [{ startSimulator }, { adminScopes }] = await Promise.all([
    import('./simulator/server.js'),
    import('./simulator/fleet/admin-scopes.js'),
  ]);
  const simulator = await startSimulator({ devices: config.simulator.devices, seed: config.simulator.seed });
  console.log(
    `embedded simulator: ${simulator.world.devices.length} devices at ${simulator.url} (admins: miadmin, emea, helpdesk, viewer; password = name)`,
  );
  // The gateway knows the simulated admins' roles, so helpdesk's wipe is refused before any upstream call.
  return { simulator, passThroughScopes: adminScopes(simulator.world.admins) };
}

async function serve(args: string[]): Promise<void> {
  boundHeapGrowth();
  const { values } = parseArgs({ args, options: { workers: { type: 'string' } } });
  const config = loadConfig(values.workers === undefined ? process.env : { ...process.env, WORKERS: values.workers });
  // WORKERS > 1: this process only supervises, and runs the embedded simulator once for all workers.
  if (config.workers > 1 && !isClusterWorker()) {
    const embedded = config.epmmUrl ? undefined : await startEmbeddedSimulator(config);
    console.log(`configuration: ${describeConfig(config)}`);
    console.log(`mdmgraph: starting ${config.workers} workers on http://${config.host}:${config.port}/graphql`);
    // Without Redis, the primary holds the idempotency keys for all workers (docs/decisions.md "Idempotency keys
    // across workers"): a retry handed to another worker must replay, not act again.
    const idempotency = config.redis
      ? undefined
      : { ttlMs: config.mutations.idempotencyTtlMs, maxEntries: IDEMPOTENCY_MAX_ENTRIES };
    const simulator = embedded && { url: embedded.simulator.url, passThroughScopes: embedded.passThroughScopes };
    // Without Redis, the primary also relays cache invalidations between workers (src/cluster-cache.ts).
    const services = { idempotency, relayInvalidations: !config.redis };
    superviseWorkers(config.workers, simulator, async () => embedded?.simulator.close(), services);
    return;
  }
  const fromPrimary = embeddedSimulatorFromPrimary();
  let epmmUrl = config.epmmUrl ?? fromPrimary?.url;
  let closeSimulator: (() => Promise<void>) | undefined;
  let passThroughScopes = fromPrimary?.passThroughScopes;
  if (!epmmUrl) {
    const embedded = await startEmbeddedSimulator(config);
    epmmUrl = embedded.simulator.url;
    closeSimulator = embedded.simulator.close;
    passThroughScopes = embedded.passThroughScopes;
  }
  if (!isClusterWorker()) console.log(`configuration: ${describeConfig(config)}`);
  // GraphiQL opens signed in only where that signs in to nothing real: the embedded simulator, pass-through.
  const preAuthenticated = !config.epmmUrl && config.auth.mode === 'passthrough';
  // A worker's log lines carry its pid: the workers write to one stream, and a line must say whose it is.
  const logger = isClusterWorker() ? createLogger(config.logLevel).child({ pid: process.pid }) : undefined;
  const graphiqlCredentials = preAuthenticated ? EMBEDDED_ADMIN : undefined;
  const gateway = createGateway(config, epmmUrl, { graphiqlCredentials, passThroughScopes, logger });
  // The primary sums every worker's registry for a scrape that reaches any of them (src/cluster-metrics.ts).
  if (isClusterWorker()) shareMetricsWithPrimary(gateway.metrics.registry);
  await gateway.ready;
  const server = createServer(gateway.yoga);
  server.listen(config.port, config.host, () => {
    if (isClusterWorker()) console.log(`mdmgraph: worker ${process.pid} serving`);
    else
      console.log(
        `mdmgraph: GraphiQL at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/graphql`,
      );
  });
  // Graceful shutdown: stop accepting, let in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS), then close
  // the upstream pools and the embedded simulator.
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    console.log('mdmgraph: shutting down, finishing in-flight requests');
    server.close(async () => {
      await gateway.close();
      await closeSimulator?.();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // A worker whose primary is gone (killed outright) stops too rather than linger without a supervisor.
  if (isClusterWorker()) process.once('disconnect', shutdown);
}

async function simulate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      devices: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      'latency-ms': { type: 'string', default: '0' },
      'jitter-ms': { type: 'string', default: '0' },
      // `varied`: answers carry the variations real servers show (docs/decisions.md "Tolerant decoding").
      realism: { type: 'string', default: 'strict' },
    },
  });
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 0)
      throw new ConfigError(`--${name} must be a non-negative whole number, got '${values[name]}'`);
    return value;
  };
  const [{ startSimulator }, { parseRealism }] = await Promise.all([
    import('./simulator/server.js'),
    import('./simulator/realism.js'),
  ]);
  const started = Date.now();
  const simulator = await startSimulator({
    port: number('port'),
    host: values.host,
    devices: number('devices'),
    seed: number('seed'),
    latencyMs: number('latency-ms'),
    jitterMs: number('jitter-ms'),
    realism: realismOption(parseRealism, values.realism),
  });
  console.log(
    `simulator: ${simulator.world.devices.length} devices (seed ${values.seed}) ready in ${Date.now() - started} ms at ${simulator.url}`,
  );
  const shutdown = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

function realismOption(parseRealism: (value: unknown) => Realism, value: string | undefined): Realism {
  try {
    return parseRealism(value);
  } catch (error) {
    throw new ConfigError(`--realism: ${(error as Error).message}`);
  }
}

/** `mdmgraph doctor`: exit code 0 ready, 1 a main screen cannot be served, 2 a usage or configuration error. */
async function doctor(args: string[]): Promise<void> {
  try {
    const { doctorCommand } = await import('./doctor/cli.js');
    process.exitCode = await doctorCommand(args);
  } catch (error) {
    console.error(error instanceof ConfigError || error instanceof TypeError ? error.message : error);
    process.exit(2);
  }
}

const [command = 'serve', ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = { serve, simulate, doctor };
const run = Object.hasOwn(commands, command)
  ? commands[command](rest)
  : Promise.reject(new ConfigError(`unknown command '${command}' (use serve, simulate or doctor)`));
run.catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
