// `serve --workers 2`: two gateway processes share one port, the embedded simulator runs once (in the
// primary), and SIGTERM to the primary drains both workers and exits cleanly.
import { spawn } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { unusedPort } from '../helpers/redis-server.js';

let child: ReturnType<typeof spawn> | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

it('runs N workers behind one port with one embedded simulator', async () => {
  const port = await unusedPort();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--workers', '2'], {
    env: { ...process.env, PORT: String(port), SIM_DEVICES: '50', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const workerPids = () => [...output.matchAll(/worker (\d+) serving/g)].map((match) => Number(match[1]));
  for (let waited = 0; workerPids().length < 2; waited += 100) {
    if (waited > 45_000 || child.exitCode !== null) throw new Error(`workers did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(new Set(workerPids()).size).toBe(2);
  expect(workerPids()).not.toContain(child.pid);
  expect(output.match(/embedded simulator:/g)).toHaveLength(1);

  const simulatorUrl = /embedded simulator: .* at (http:\/\/\S+)/.exec(output)![1];
  await fetch(`${simulatorUrl}/__sim/stats/reset`, { method: 'POST' });
  // Fresh connections each time, so the primary hands them to both workers; both answer from the one simulator.
  const answers = await Promise.all(
    Array.from({ length: 6 }, async () => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: basicAuthorization('miadmin', 'miadmin'), connection: 'close' },
        body: JSON.stringify({ query: '{ devices(first: 3) { totalCount nodes { uuid } } }' }),
      });
      return (await response.json()) as { data?: { devices: { totalCount: number } }; errors?: unknown };
    }),
  );
  for (const answer of answers) expect(answer.errors).toBeUndefined();
  expect(new Set(answers.map((answer) => answer.data!.devices.totalCount)).size).toBe(1);
  const stats = (await (await fetch(`${simulatorUrl}/__sim/stats`)).json()) as { byRoute: Record<string, number> };
  // Each worker has its own cache: one or two cold reads, never six.
  expect(stats.byRoute['GET /api/v2/devices']).toBeGreaterThanOrEqual(1);
  expect(stats.byRoute['GET /api/v2/devices']).toBeLessThanOrEqual(2);

  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(output).toContain('stopping 2 workers');
}, 60_000);
