// What a first run meets: the CLI (`npx mdmgraph`) answers --help, a busy port is one line and exit code 1 (no stack,
// nothing started), and `GET /` leads to GraphiQL.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGateway } from '../../src/server.js';
import { serveGateway } from '../helpers/stack.js';

const ROOT = new URL('../../', import.meta.url);
const BIN = 'bin/mdmgraph.js';

/** Runs the CLI as `npx mdmgraph` does (its package.json "bin"), with a clean environment for the settings. */
function runCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

describe('the mdmgraph CLI', () => {
  let occupied: Server;
  let port: number;
  beforeAll(async () => {
    occupied = createServer();
    await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
    port = (occupied.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => occupied.close(() => resolve())));

  it('npx mdmgraph --help lists the three commands and exits 0', async () => {
    const { stdout } = await promisify(execFile)('npx', ['--no-install', 'mdmgraph', '--help'], { cwd: ROOT });
    for (const command of ['serve', 'simulate', 'doctor']) expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('on a busy port prints one line naming it and exits 1, before starting anything', async () => {
    const { code, out, err } = await runCli(['serve'], { PORT: String(port), HOST: '127.0.0.1' });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(`mdmgraph: port ${port} is already in use; set PORT to another port or stop the other process\n`);
  });

  it('with workers, the same one line and exit code', async () => {
    const { code, err } = await runCli(['serve', '--workers', '2'], { PORT: String(port), HOST: '127.0.0.1' });
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toEqual([
      `mdmgraph: port ${port} is already in use; set PORT to another port or stop the other process`,
    ]);
  });

  it('names an unknown command in one line', async () => {
    const { code, err } = await runCli(['serv']);
    expect(code).toBe(1);
    expect(err).toBe("unknown command 'serv' (use serve, simulate, doctor or help)\n");
  });
});

/** Each gateway's audit trail and secret in a directory of its own. */
const auditLogFile = () => join(mkdtempSync(join(tmpdir(), 'mdmgraph-first-run-')), 'audit.jsonl');

describe('GET /', () => {
  const served = (env: Record<string, string>) =>
    serveGateway(
      createGateway(
        loadConfig({ PORT: '0', LOG_LEVEL: 'silent', AUDIT_LOG_FILE: auditLogFile(), ...env }),
        'http://127.0.0.1:9',
      ),
    );

  it('redirects to GraphiQL (302), with no credentials and no CSRF header', async () => {
    const gateway = await served({});
    try {
      const response = await fetch(`${gateway.url}/`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/graphql');
    } finally {
      await gateway.close();
    }
  });

  it('is not a redirect when GraphiQL is off', async () => {
    const gateway = await served({ GRAPHIQL: 'false' });
    try {
      const response = await fetch(`${gateway.url}/`, { redirect: 'manual' });
      expect(response.status).not.toBe(302);
      await response.body?.cancel();
    } finally {
      await gateway.close();
    }
  });
});
