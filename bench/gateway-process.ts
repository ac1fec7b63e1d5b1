// The gateway in its own process (so the harness can pin it to a core of its own and read its CPU time):
// configured from the environment like `npm start`, pointed at the benchmark's simulator.
import { createServer } from 'node:http';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { neuronsCacheUpstream } from '../src/loaders/groups.js';
import { createGateway } from '../src/server.js';
import { answerParent, announceReady } from './child-ipc.js';

const simulatorUrl = process.env.BENCH_SIMULATOR_URL;
if (!simulatorUrl) throw new Error('BENCH_SIMULATOR_URL is required');
const gateway = createGateway(loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent' }), simulatorUrl);
await gateway.ready;
const server = createServer(gateway.yoga);
server.keepAliveTimeout = 65_000;
// graphql-ws beside HTTP and SSE, as `serve` does (bench/subscriptions.ts opens sockets).
gateway.serveWebSockets(server);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

// The V8 CPU profiler (what `node --cpu-prof` uses), started and stopped around the measured window only, so
// module loading and start-up do not drown the per-request costs.
const inspector = new Session();
inspector.connect();

// "Cold" in the harness: the shared cache emptied before an operation, except the per-credential `spaces` class
// (the admin's device space, the Neurons partitions and groups), which the direct client also learns once. The
// same drop a mutation makes, in this process only.
const COLD_CLASSES = ['device', 'alerts', 'reference'] as const;
const { epmm, neurons } = gateway.deps.clients;
const cachedUpstreams = [epmm.search.origin, ...(neurons ? [neuronsCacheUpstream(neurons.origin)] : [])];

answerParent({
  // Live heap after a full collection (the scale run starts this process with --expose-gc).
  heap: () => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed;
  },
  invalidate: () => {
    for (const upstream of cachedUpstreams) gateway.deps.cache.invalidateLocal({ upstream, resources: COLD_CLASSES });
  },
  profileStart: async () => {
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 100 });
    await inspector.post('Profiler.start');
  },
  profileStop: async (file) => {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(String(file), JSON.stringify(profile));
  },
  // Exits through process.exit so that `--cpu-prof` writes its profile.
  close: async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gateway.close();
    setImmediate(() => process.exit(0));
  },
});
announceReady({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` });
