// The gateways of the peer comparison (bench/peer-run.ts, docs/BENCHMARKS.md "Peers"): mdmgraph as production
// runs it, Tailcall and Hive Gateway over GraphQL Mesh, each started in its own process on the measured core
// (bench/processes.ts `spawnMeasured`) and pointed at the harness's simulator. The peers' files are under
// bench/peers/ and installed by `npm run bench:peers-setup` (bench/peers/setup.sh).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeCursor } from '../src/pagination.js';
import { spawnMeasured, type SpawnedProcess } from './processes.js';
import type { GraphQLRequest } from './scenarios.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PEERS = path.join(ROOT, 'bench', 'peers');
/** Where the committed peer configs point: the simulator of `npm run simulate -- --port 5301`. */
const CONFIG_SIMULATOR = 'http://127.0.0.1:5301';

export type PeerName = 'mdmgraph' | 'Tailcall' | 'Hive Gateway';

/** One fleet-page row as the harness checks it, whatever the gateway's schema. */
export interface FleetNode {
  uuid: string;
  labels: Array<{ name: string }> | null;
}

export interface PeerGateway {
  name: PeerName;
  /** How it is started, for the output. */
  describe: string;
  /** Starts it on `port`, its upstream the simulator at `simulatorUrl`. */
  start(simulatorUrl: string, port: number, logFile: string): SpawnedProcess;
  /** A page of `limit` devices from `offset`, uuid only (one upstream search). */
  oneCall(offset: number, limit: number): GraphQLRequest;
  /** A 50-device page from `offset` with model, platform, user and label names (1 search + 50 V25). */
  fleet(offset: number): GraphQLRequest;
  fleetNodes(data: Record<string, unknown>): FleetNode[] | undefined;
}

/** The peer gateways that can run here, and why the others cannot. */
export function peerGateways(workDir: string): { gateways: PeerGateway[]; missing: Array<[PeerName, string]> } {
  mkdirSync(workDir, { recursive: true });
  const gateways: PeerGateway[] = [mdmgraph()];
  const missing: Array<[PeerName, string]> = [];
  for (const [name, make] of [
    ['Tailcall', tailcall],
    ['Hive Gateway', hiveGateway],
  ] as const) {
    const made = make(workDir);
    if (typeof made === 'string') missing.push([name, made]);
    else gateways.push(made);
  }
  return { gateways, missing };
}

const NOT_SET_UP = 'run `npm run bench:peers-setup` (bench/peers/setup.sh)';

/**
 * mdmgraph as production runs it: `node dist/main.js serve` configured by the environment (built first when
 * dist/main.js is missing and package.json has a build script), else `node --import tsx src/main.ts serve`.
 * The harness's environment is passed on, so a setting such as EPMM_CONNECTIONS can be tried from the command line.
 */
function mdmgraph(): PeerGateway {
  const built = path.join(ROOT, 'dist', 'main.js');
  let note = '';
  if (!existsSync(built)) {
    const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: object })
      .scripts as Record<string, string> | undefined;
    if (scripts?.build) {
      process.stderr.write('bench: peers: dist/main.js missing, running npm run build\n');
      const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
      if (build.status !== 0 || !existsSync(built)) note = ' (`npm run build` failed)';
    } else note = ' (no dist/main.js and no build script)';
  }
  const useBuilt = existsSync(built);
  return {
    name: 'mdmgraph',
    // The build's time, so that a dist/ older than the sources shows (it is rebuilt only when missing).
    describe: useBuilt
      ? `\`node dist/main.js serve\` (dist/main.js of ${statSync(built).mtime.toISOString().slice(0, 16).replace('T', ' ')} UTC)`
      : `\`node --import tsx src/main.ts serve\`, the fallback${note}: tsx compiles at start-up, so its time to ready and RSS are not production's`,
    start: (simulatorUrl, port, logFile) =>
      spawnMeasured(
        process.execPath,
        useBuilt ? [built, 'serve'] : ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts'), 'serve'],
        {
          cwd: ROOT,
          logFile,
          env: {
            ...process.env,
            NODE_ENV: 'production',
            EPMM_URL: simulatorUrl,
            NEURONS_URL: 'off',
            PORT: String(port),
            HOST: '127.0.0.1',
            LOG_LEVEL: 'warn',
            AUDIT_LOG_FILE: `${logFile}.audit.jsonl`,
          },
        },
      ),
    oneCall: (offset, limit) => ({
      query:
        'query($first: Int!, $after: String) { devices(first: $first, after: $after, source: EPMM) { nodes { uuid } } }',
      variables: { first: limit, after: offset > 0 ? encodeCursor(offset - 1) : null },
    }),
    fleet: (offset) => ({
      query:
        'query($first: Int!, $after: String) { devices(first: $first, after: $after, source: EPMM) { nodes { uuid model platform user { displayName email } labels { name } } } }',
      variables: { first: 50, after: offset > 0 ? encodeCursor(offset - 1) : null },
    }),
    fleetNodes: (data) => (data.devices as { nodes?: FleetNode[] } | undefined)?.nodes,
  };
}

/**
 * Tailcall 1.6.14 (bench/peers/tailcall/mdm.graphql): the config is copied into the work folder with the
 * harness's simulator and port. Its linux-x64-gnu binary needs glibc >= 2.39; where the system's is older it runs
 * through the loader and libc that bench/peers/setup.sh unpacked into bench/peers/glibc.
 */
function tailcall(workDir: string): PeerGateway | string {
  const binary = path.join(PEERS, 'node_modules', '@tailcallhq', 'core-linux-x64-gnu', 'bin', 'tailcall');
  if (!existsSync(binary)) return `bench/peers/node_modules has no Tailcall binary: ${NOT_SET_UP}`;
  const lib = path.join(PEERS, 'glibc', 'root', 'usr', 'lib', 'x86_64-linux-gnu');
  const loader = path.join(lib, 'ld-linux-x86-64.so.2');
  let launch: [string, string[]] = [binary, []];
  const runs = (command: string, args: string[]) => {
    try {
      execFileSync(command, [...args, '--version'], { stdio: 'ignore', timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  };
  if (!runs(binary, [])) {
    if (!existsSync(loader))
      return `its binary does not run on this glibc and bench/peers/glibc is missing: ${NOT_SET_UP}`;
    launch = [loader, ['--library-path', lib, binary]];
    if (!runs(...launch)) return 'its binary does not run, even through bench/peers/glibc';
  }
  const dir = path.join(workDir, 'tailcall');
  mkdirSync(dir, { recursive: true });
  const sdl = readFileSync(path.join(PEERS, 'tailcall', 'mdm.graphql'), 'utf8');
  writeFileSync(path.join(dir, 'mdm.js'), readFileSync(path.join(PEERS, 'tailcall', 'mdm.js')));
  const page = (limit: string, offset: string, fields: string) =>
    `devices(limit: ${limit}, offset: ${offset}) { nodes { ${fields} } }`;
  return {
    name: 'Tailcall',
    describe: `Tailcall 1.6.14${launch[0] === loader ? ' (through bench/peers/glibc)' : ''}`,
    start: (simulatorUrl, port, logFile) => {
      const config = sdl
        .replaceAll(CONFIG_SIMULATOR, simulatorUrl)
        .replace(/@server\(port: \d+/, `@server(port: ${port}`);
      writeFileSync(path.join(dir, 'mdm.graphql'), config);
      return spawnMeasured(launch[0], [...launch[1], 'start', 'mdm.graphql'], {
        cwd: dir,
        logFile,
        // No usage reports from the benchmark.
        env: { ...process.env, TC_LOG_LEVEL: 'error', TAILCALL_TRACKER: 'false' },
      });
    },
    oneCall: (offset, limit) => ({
      query: `query($l: Int!, $o: Int) { ${page('$l', '$o', 'uuid')} }`,
      variables: { l: limit, o: offset },
    }),
    fleet: (offset) => ({
      query: `query($o: Int) { ${page('50', '$o', 'uuid model platform user { displayName email } labels { name }')} }`,
      variables: { o: offset },
    }),
    fleetNodes: (data) => (data.devices as { nodes?: FleetNode[] } | undefined)?.nodes,
  };
}

/**
 * Hive Gateway 2.15 over the supergraph that Mesh composed from docs/simulator-openapi.json
 * (bench/peers/mesh/mesh.config.mjs; the typed device page is bench/peers/mesh/gateway.config.mjs). The
 * supergraph is copied into the work folder with the harness's simulator as the subgraph's location.
 */
function hiveGateway(workDir: string): PeerGateway | string {
  const bin = path.join(PEERS, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');
  if (!existsSync(bin)) return `bench/peers/node_modules has no @graphql-hive/gateway: ${NOT_SET_UP}`;
  const composed = path.join(PEERS, 'mesh', 'supergraph.graphql');
  if (!existsSync(composed)) return `bench/peers/mesh/supergraph.graphql is missing: ${NOT_SET_UP}`;
  const supergraph = readFileSync(composed, 'utf8');
  const file = path.join(workDir, 'supergraph.graphql');
  const page = (limit: string, offset: string, fields: string) =>
    `devices(limit: ${limit}, offset: ${offset}) { nodes { ${fields} } }`;
  return {
    name: 'Hive Gateway',
    describe: 'Hive Gateway 2.15.1, GraphQL Mesh compose 1.8.2 (one process, no --fork)',
    start: (simulatorUrl, port, logFile) => {
      writeFileSync(file, supergraph.replaceAll(CONFIG_SIMULATOR, simulatorUrl));
      const { FORK: _fork, ...env } = process.env;
      return spawnMeasured(process.execPath, [bin, 'supergraph', file], {
        cwd: path.join(PEERS, 'mesh'),
        logFile,
        env: { ...env, NODE_ENV: 'production', PORT: String(port) },
      });
    },
    oneCall: (offset, limit) => ({
      query: `query($l: Int!, $o: Int) { ${page('$l', '$o', 'uuid')} }`,
      variables: { l: limit, o: offset },
    }),
    fleet: (offset) => ({
      query: `query($o: Int) { ${page('50', '$o', 'uuid model platform user { displayName email } labels { name }')} }`,
      variables: { o: offset },
    }),
    fleetNodes: (data) => (data.devices as { nodes?: FleetNode[] } | undefined)?.nodes,
  };
}
