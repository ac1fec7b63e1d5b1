// The compiled build (scripts/build.mjs, `npm run build`): dist/main.js runs under plain node, as production runs
// it (`node dist/main.js serve`, docs/decisions.md "Compiled build, start-up and memory"), with the embedded
// simulator, the schema read from schema/, and GraphiQL's lazily imported assets; the process is one node
// process with no tsx loader and no child.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../src/auth/credentials.js';
import { unusedPort } from '../helpers/redis-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let child: ChildProcess | undefined;
let output = '';
let port: number;
let dataDir: string;

/** The command line of a process, from /proc (Linux). */
const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);

/** The processes whose parent is pid, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) children.push(Number(entry));
  }
  return children;
}

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux')('compiled build (node dist/main.js serve)', () => {
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    expect(existsSync(join(ROOT, 'dist/main.js'))).toBe(true);
    port = await unusedPort();
    dataDir = mkdtempSync(join(tmpdir(), 'mdmgraph-compiled-'));
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      SIM_DEVICES: '20',
      LOG_LEVEL: 'warn',
      AUDIT_LOG_FILE: join(dataDir, 'audit.jsonl'),
      // Nothing this process inherits from the test runner may load tsx or point it elsewhere.
      NODE_OPTIONS: undefined,
      EPMM_URL: undefined,
      NEURONS_URL: undefined,
      WORKERS: undefined,
      CONFIG_FILE: undefined,
      REDIS_URL: undefined,
    };
    child = spawn(process.execPath, ['dist/main.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    while (!output.includes('mdmgraph: GraphiQL at')) {
      if (child.exitCode !== null) throw new Error(`dist/main.js exited (${child.exitCode}):\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 60_000);

  it('answers a GraphQL query over the embedded simulator', async () => {
    expect(output).toMatch(/embedded simulator: 20 devices at http:\/\/127\.0\.0\.1:\d+/);
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicAuthorization('miadmin', 'miadmin') },
      body: JSON.stringify({ query: '{ devices(first: 3, source: EPMM) { totalCount nodes { id platform } } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      data?: { devices: { totalCount: number; nodes: Array<{ id: string; platform: string }> } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.devices.totalCount).toBe(20);
    expect(body.data?.devices.nodes).toHaveLength(3);
    for (const node of body.data!.devices.nodes) expect(node.id).toEqual(expect.any(String));
  });

  it('answers errors as the sources do (one graphql instance in the bundle: error masking finds GatewayErrors)', async () => {
    const ask = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ devices(first: 500, source: EPMM) { totalCount } }' }),
      });
    const tooMany = await ask({ authorization: basicAuthorization('miadmin', 'miadmin') });
    expect(tooMany.status).toBe(200);
    const body = (await tooMany.json()) as { errors: Array<{ extensions: { code: string; field?: string[] } }> };
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: ['first'] });
    const anonymous = await ask({});
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as typeof body).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('serves the GraphiQL page and its assets from the lazily imported package', async () => {
    const page = await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /src="(\/graphiql-assets\/graphiql\.js\?v=[0-9a-f]{12})"/.exec(html);
    expect(script).not.toBeNull();
    const asset = await fetch(`http://127.0.0.1:${port}${script![1]}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect((await asset.text()).length).toBeGreaterThan(0);
  });

  it('serves the reference portal the same build wrote to dist/portal, signed in as GraphiQL is', async () => {
    expect(output).toContain(`mdmgraph: portal at http://127.0.0.1:${port}/portal/`);
    const page = await fetch(`http://127.0.0.1:${port}/portal/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(basicAuthorization('miadmin', 'miadmin'));
    const script = await fetch(`http://127.0.0.1:${port}/portal/app.js`);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
  });

  it('is one node process running dist/main.js, without tsx and without children', () => {
    const pid = child!.pid!;
    expect(commandLine(pid)).toEqual([process.execPath, 'dist/main.js', 'serve']);
    // No node option (--import tsx, --require …) on the command line, none through NODE_OPTIONS (unset above).
    expect(commandLine(pid).filter((arg) => arg.startsWith('-'))).toEqual([]);
    expect(childrenOf(pid)).toEqual([]);
  });
});
