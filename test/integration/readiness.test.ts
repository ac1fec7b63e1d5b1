import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/server.js';
import { startSimulator } from '../../src/simulator/server.js';

describe('/health and /ready', () => {
  it('is ready while EPMM answers and unavailable once it is gone; health stays up', async () => {
    const simulator = await startSimulator({ devices: 10 });
    const gateway = createGateway(loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), simulator.url);
    try {
      const ready = await gateway.yoga.fetch('http://gateway/ready');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', upstreams: { EPMM: 'up' } });
      await simulator.close();
      await new Promise((resolve) => setTimeout(resolve, 1100)); // past the one-second answer cache
      const down = await gateway.yoga.fetch('http://gateway/ready');
      expect(down.status).toBe(503);
      expect((await gateway.yoga.fetch('http://gateway/health')).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });

  it('the simulator answers GET /api/v2/ping like the recorded real server', async () => {
    const simulator = await startSimulator({ devices: 5 });
    try {
      const response = await fetch(`${simulator.url}/api/v2/ping`, {
        headers: { authorization: `Basic ${Buffer.from('viewer:viewer').toString('base64')}` },
      });
      expect(await response.json()).toEqual({ results: { apiVersion: 2.0, vspVersion: '' } });
      expect((await fetch(`${simulator.url}/api/v2/ping`)).status).toBe(401);
    } finally {
      await simulator.close();
    }
  });
});
