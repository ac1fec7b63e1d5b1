// CLI entry: `mdmgraph serve` (default) and `mdmgraph simulate`.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { ConfigError, describeConfig, loadConfig } from './config.js';
import { createGateway } from './server.js';
import { startSimulator } from './simulator/server.js';

const EMBEDDED_ADMIN = { username: 'miadmin', password: 'miadmin' };

async function serve(): Promise<void> {
  const config = loadConfig();
  let epmmUrl = config.epmmUrl;
  let closeSimulator: (() => Promise<void>) | undefined;
  if (!epmmUrl) {
    const simulator = await startSimulator({ devices: config.simulator.devices, seed: config.simulator.seed });
    epmmUrl = simulator.url;
    closeSimulator = simulator.close;
    console.log(`embedded simulator: ${simulator.world.devices.length} devices at ${simulator.url} (admins: miadmin, emea, helpdesk, viewer; password = name)`);
  }
  console.log(`configuration: ${describeConfig(config)}`);
  // GraphiQL opens signed in only where that signs in to nothing real: the embedded simulator, pass-through.
  const preAuthenticated = !config.epmmUrl && config.auth.mode === 'passthrough';
  const gateway = createGateway(config, epmmUrl, { graphiqlCredentials: preAuthenticated ? EMBEDDED_ADMIN : undefined });
  await gateway.ready;
  const server = createServer(gateway.yoga);
  server.listen(config.port, config.host, () => {
    console.log(`mdmgraph: GraphiQL at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/graphql`);
  });
  // Graceful shutdown: stop accepting, let in-flight requests finish (up to SHUTDOWN_TIMEOUT_MS), then close
  // the upstream pools and the embedded simulator.
  const shutdown = () => {
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
    },
  });
  const number = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 0) throw new ConfigError(`--${name} must be a non-negative whole number, got '${values[name]}'`);
    return value;
  };
  const started = Date.now();
  const simulator = await startSimulator({
    port: number('port'),
    host: values.host,
    devices: number('devices'),
    seed: number('seed'),
    latencyMs: number('latency-ms'),
    jitterMs: number('jitter-ms'),
  });
  console.log(`simulator: ${simulator.world.devices.length} devices (seed ${values.seed}) ready in ${Date.now() - started} ms at ${simulator.url}`);
  const shutdown = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

const [command = 'serve', ...rest] = process.argv.slice(2);
const run = command === 'simulate' ? simulate(rest) : command === 'serve' ? serve() : Promise.reject(new ConfigError(`unknown command '${command}' (use serve or simulate)`));
run.catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
