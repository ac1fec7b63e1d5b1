// CLI entry: `mdmgraph serve` (default), `mdmgraph simulate` and `mdmgraph doctor` (src/doctor/cli.ts).
// The simulator and the doctor are imported when a command needs them, not at start: `serve` against a real EPMM
// loads neither (docs/decisions.md "Compiled build, start-up and memory").
import { createServer, type Server } from 'node:http';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { shareMetricsWithPrimary } from './cluster-metrics.js';
import { embeddedSimulatorFromPrimary, isClusterWorker, LISTEN_FAILED_EXIT_CODE, superviseWorkers } from './cluster.js';
import { ConfigError, loadConfig, maskedConfig, type GatewayConfig } from './config.js';
import { configSummary, configTable } from './observability/config-summary.js';
import { type LogFormat, logFormatFor } from './observability/log-format.js';
import { createLogger, type Logger } from './observability/logger.js';
import { createGateway } from './server.js';
import type { Realism } from './simulator/realism.js';

const EMBEDDED_ADMIN = { username: 'miadmin', password: 'miadmin' };
/**
 * The built reference portal (scripts/build-portal.mjs): dist/portal. `..` of src/ and of dist/ is the repository
 * root, so the sources and the compiled build find the same folder.
 */
const PORTAL_DIRECTORY = fileURLToPath(new URL('../dist/portal', import.meta.url));
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
  const { devices, seed, tickMs } = config.simulator;
  const simulator = await startSimulator({ devices, seed, tickMs });
  const ticking = tickMs > 0 ? `; ticking every ${tickMs} ms` : '';
  console.log(
    `embedded simulator: ${simulator.world.devices.length} devices at ${simulator.url} (admins: miadmin, emea, helpdesk, viewer; password = name${ticking})`,
  );
  // The gateway knows the simulated admins' roles, so helpdesk's wipe is refused before any upstream call.
  return { simulator, passThroughScopes: adminScopes(simulator.world.admins) };
}

/**
 * Why the gateway cannot listen, as the one line a person needs (a second `npm start` meets the first), or
 * undefined for an error that is not about the address.
 */
function listenProblem(error: unknown, config: GatewayConfig): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE')
    return `mdmgraph: port ${config.port} is already in use; set PORT to another port or stop the other process`;
  if (code === 'EACCES') return `mdmgraph: not allowed to listen on port ${config.port}; set PORT to a port above 1023`;
  if (code === 'EADDRNOTAVAIL')
    return `mdmgraph: HOST ${config.host} is not an address of this machine; set HOST to one (127.0.0.1, 0.0.0.0)`;
  return undefined;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Binds the address once and lets it go, before anything else starts or prints, so a busy port is one line and
 * exit code 1 rather than a simulator started for nothing and a stack trace. The real listen still handles the
 * rare process that takes the port in between.
 */
async function exitUnlessAddressFree(config: GatewayConfig): Promise<void> {
  if (config.port === 0) return;
  const probe = createServer();
  try {
    await listen(probe, config.port, config.host);
  } catch (error) {
    const line = listenProblem(error, config);
    if (!line) throw error;
    console.error(line);
    process.exit(1);
  }
  await new Promise((resolve) => probe.close(resolve));
}

/** The configuration at start: a short table for a person, one structured entry in JSON logs; secrets masked. */
function printConfiguration(config: GatewayConfig, format: LogFormat, logger: Logger): void {
  if (format === 'pretty') console.log(configTable(configSummary(config, format)));
  else logger.info({ configuration: maskedConfig(config) }, 'configuration');
}

async function serve(args: string[]): Promise<void> {
  boundHeapGrowth();
  const { values } = parseArgs({ args, options: { workers: { type: 'string' } } });
  const config = loadConfig(values.workers === undefined ? process.env : { ...process.env, WORKERS: values.workers });
  const logFormat = logFormatFor(config.logFormat, process.stdout.isTTY);
  // A worker's log lines carry its pid: the workers write to one stream, and a line must say whose it is.
  const logger = isClusterWorker()
    ? createLogger(config.logLevel, logFormat).child({ pid: process.pid })
    : createLogger(config.logLevel, logFormat);
  if (!isClusterWorker()) await exitUnlessAddressFree(config);
  // WORKERS > 1: this process only supervises, and runs the embedded simulator once for all workers.
  if (config.workers > 1 && !isClusterWorker()) {
    const embedded = config.epmmUrl ? undefined : await startEmbeddedSimulator(config);
    printConfiguration(config, logFormat, logger);
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
  if (!isClusterWorker()) printConfiguration(config, logFormat, logger);
  // GraphiQL opens signed in only where that signs in to nothing real: the embedded simulator, pass-through.
  const preAuthenticated = !config.epmmUrl && config.auth.mode === 'passthrough';
  const graphiqlCredentials = preAuthenticated ? EMBEDDED_ADMIN : undefined;
  const gateway = createGateway(config, epmmUrl, {
    graphiqlCredentials,
    passThroughScopes,
    logger,
    portalDirectory: PORTAL_DIRECTORY,
  });
  // The primary sums every worker's registry for a scrape that reaches any of them (src/cluster-metrics.ts).
  if (isClusterWorker()) shareMetricsWithPrimary(gateway.metrics.registry);
  await gateway.ready;
  const server = createServer(gateway.yoga);
  // Subscriptions over WebSocket (graphql-ws) share the server and the /graphql path with HTTP and SSE.
  gateway.serveWebSockets(server);
  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    const line = listenProblem(error, config);
    if (!line) throw error;
    console.error(line);
    // A worker's primary stops every worker on this code instead of restarting one that can never listen.
    process.exit(isClusterWorker() ? LISTEN_FAILED_EXIT_CODE : 1);
  }
  if (isClusterWorker()) console.log(`mdmgraph: worker ${process.pid} serving`);
  else {
    const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
    const signedIn = graphiqlCredentials ? ` (signed in as ${graphiqlCredentials.username})` : '';
    console.log(
      config.graphiql
        ? `mdmgraph: GraphiQL at http://${host}:${config.port}/graphql${signedIn}`
        : `mdmgraph: serving http://${host}:${config.port}/graphql`,
    );
    if (config.portal) console.log(`mdmgraph: portal at http://${host}:${config.port}/portal/${signedIn}`);
  }
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
      // The world ticks every N ms (docs/decisions.md "A live simulator"); 0 keeps it still.
      tick: { type: 'string', default: '0' },
      'action-delay-ticks': { type: 'string', default: '2' },
    },
  });
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 0)
      throw new ConfigError(`--${name} must be a non-negative whole number, got '${values[name]}'`);
    return value;
  };
  const [{ startSimulator }, { parseRealism }, { MIN_TICK_MS }] = await Promise.all([
    import('./simulator/server.js'),
    import('./simulator/realism.js'),
    import('./simulator/live/control.js'),
  ]);
  const tickMs = number('tick');
  if (tickMs !== 0 && tickMs < MIN_TICK_MS) throw new ConfigError(`--tick must be 0 or at least ${MIN_TICK_MS} ms`);
  const started = Date.now();
  const simulator = await startSimulator({
    port: number('port'),
    host: values.host,
    devices: number('devices'),
    seed: number('seed'),
    latencyMs: number('latency-ms'),
    jitterMs: number('jitter-ms'),
    realism: realismOption(parseRealism, values.realism),
    tickMs,
    actionDelayTicks: number('action-delay-ticks'),
  });
  const ticking = tickMs > 0 ? `, ticking every ${tickMs} ms` : '';
  console.log(
    `simulator: ${simulator.world.devices.length} devices (seed ${values.seed}${ticking}) ready in ${Date.now() - started} ms at ${simulator.url}`,
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

const USAGE = `Usage: mdmgraph [command] [options]

Commands:
  serve [--workers N]   the gateway (the default); GraphiQL at /graphql. Settings: environment variables (README)
  simulate [--port 4010 --devices 1000 --seed 1 --latency-ms 0 --jitter-ms 0 --realism strict|varied
            --tick 0 --action-delay-ticks 2]
                        the simulated EPMM and Neurons for MDM APIs alone; --tick MS makes the fleet live
  doctor [--epmm-url URL --neurons-url URL --json --record DIR]
                        read-only checks of a real EPMM (and Neurons) before rollout
  help                  this text`;

async function help(): Promise<void> {
  console.log(USAGE);
}

const [command = 'serve', ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = {
  serve,
  simulate,
  doctor,
  help,
  '--help': help,
  '-h': help,
};
const run = Object.hasOwn(commands, command)
  ? commands[command](rest)
  : Promise.reject(new ConfigError(`unknown command '${command}' (use serve, simulate, doctor or help)`));
run.catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
