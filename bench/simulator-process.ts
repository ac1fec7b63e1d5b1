// The simulator in its own process: counts the bytes it sends and receives (node's http diagnostics channel,
// per socket, so keep-alive connections are measured per response) and answers the harness's questions.
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { startSimulator } from '../src/simulator/server.js';
import { neuronsWorld, partitionOf } from '../src/simulator/neurons/world.js';
import { answerParent, announceReady } from './child-ipc.js';

const devices = Number(process.env.SIM_DEVICES ?? 1000);
const simulator = await startSimulator({ devices, seed: Number(process.env.SIM_SEED ?? 1), latencyMs: 0 });
const { world } = simulator;

const seen = new WeakMap<Socket, { read: number; written: number }>();
const traffic = { bytesIn: 0, bytesOut: 0 };
subscribe('http.server.response.finish', (message) => {
  const { request, response } = message as { request: { url?: string }; response: { socket: Socket | null } };
  const socket = response.socket;
  if (!socket) return;
  const last = seen.get(socket) ?? { read: 0, written: 0 };
  // The harness's own hook calls (/__sim/…) are not upstream traffic.
  if (!request.url?.startsWith('/__sim/')) {
    traffic.bytesIn += socket.bytesRead - last.read;
    traffic.bytesOut += socket.bytesWritten - last.written;
  }
  seen.set(socket, { read: socket.bytesRead, written: socket.bytesWritten });
});

answerParent({
  close: async () => {
    await simulator.close();
    setImmediate(() => process.exit(0));
  },
  latency: (body) => simulator.hooks.configure({ latencyMs: body as number, jitterMs: 0 }),
  reset: () => {
    simulator.hooks.reset();
    traffic.bytesIn = 0;
    traffic.bytesOut = 0;
  },
  stats: () => ({ ...simulator.hooks.stats(), ...traffic }),
  // The device page's device: like test/integration/graph-device-detail.test.ts, an active device with a serial
  // number, in a Neurons partition, with unread alerts; so every part of the page has something to show.
  facts: () => {
    const neurons = neuronsWorld(world);
    const device = world.devices.find(
      (candidate) =>
        candidate.status === 'ACTIVE' &&
        candidate.serialNumber !== null &&
        partitionOf(neurons, candidate) !== undefined &&
        world.alerts.some((alert) => alert.deviceUuid === candidate.uuid && alert.isActive),
    );
    if (!device) throw new Error('no device fits the device page');
    return {
      devicePageUuid: device.uuid,
      lockUuids: world.devices
        .filter((candidate) => candidate.status === 'ACTIVE')
        .slice(0, 20)
        .map((candidate) => candidate.uuid),
    };
  },
});
announceReady({ url: simulator.url });
