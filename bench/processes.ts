// Starts the benchmark's child processes and talks to them. On a machine with two cores or more, the gateway
// (or raw proxy) is pinned to the last core and the load generator with the simulator to the others, so
// that the process being measured never competes with the load it is given. Processes that are not the
// harness's own scripts (the peer gateways, mdmgraph as production runs it) are spawned by `spawnMeasured`
// and measured from /proc: CPU time and RSS of the whole process tree that was spawned.
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ChildUsage } from './child-ipc.js';

export interface BenchChild {
  url: string;
  ask<T = unknown>(type: string, body?: unknown): Promise<T>;
  usage(): Promise<ChildUsage>;
  close(): Promise<void>;
}

const cores = os.availableParallelism();
const canPin = cores >= 2 && hasTaskset();
/** The core the measured process gets; the rest are the load generator's and the simulator's. */
export const MEASURED_CORE = cores - 1;
export const pinning = canPin
  ? `gateway/proxy on core ${MEASURED_CORE}, load generator and simulator on cores 0-${MEASURED_CORE - 1} (taskset)`
  : 'not pinned (taskset missing or one core)';

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function pin(pid: number, cpuList: string): void {
  if (canPin) execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' });
}

/** Keeps the load generator (this process) off the measured core. */
export function pinLoadGenerator(): void {
  pin(process.pid, MEASURED_CORE === 1 ? '0' : `0-${MEASURED_CORE - 1}`);
}

export async function startChild(
  script: string,
  options: { env?: Record<string, string>; measured: boolean; execArgv?: string[] },
): Promise<BenchChild> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const ready = new Promise<{ url: string }>((resolve, reject) => {
    pending.set(0, { resolve: (value) => resolve(value as { url: string }), reject });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  child.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${script}: ${message.error}`));
  });
  const { url } = await ready;
  if (child.pid)
    pin(child.pid, options.measured ? String(MEASURED_CORE) : MEASURED_CORE === 1 ? '0' : `0-${MEASURED_CORE - 1}`);
  const ask = <T>(type: string, body?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: (value) => resolve(value as T), reject });
      child.send({ id, type, body });
    });
  return {
    url,
    ask,
    usage: () => ask<ChildUsage>('usage'),
    close: () => closeChild(child, ask),
  };
}

async function closeChild(child: ChildProcess, ask: (type: string) => Promise<unknown>): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await ask('close').catch(() => child.kill());
  await exited;
}

/** A process the harness spawned (not one of its IPC children), measured from /proc with its descendants. */
export interface SpawnedProcess {
  pid: number;
  /** The exit code or signal once it has exited, else undefined. */
  exited(): string | undefined;
  /** utime + stime of the process and its living descendants, milliseconds. */
  cpuMs(): number;
  /** VmRSS summed over the process and its descendants, MiB. */
  rssMiB(): number;
  /** SIGTERM to the tree (descendants first), SIGKILL after `graceMs`; resolves once the root has exited. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `command` on the measured core (through `taskset -c`, so every thread and child it makes stays there),
 * stdout and stderr appended to `logFile`.
 */
export function spawnMeasured(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string },
): SpawnedProcess {
  const log = openSync(options.logFile, 'a');
  const [file, argv] = canPin ? ['taskset', ['-c', String(MEASURED_CORE), command, ...args]] : [command, args];
  const child = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', log, log] });
  closeSync(log);
  let exit: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = signal ?? String(code);
      resolve();
    });
    child.once('error', (error) => {
      exit = error.message;
      resolve();
    });
  });
  const pid = child.pid ?? -1;
  live.add(pid);
  void exited.then(() => live.delete(pid));
  return {
    pid,
    exited: () => exit,
    cpuMs: () => treePids(pid).reduce((sum, one) => sum + cpuTicks(one), 0) * (1000 / CLOCK_TICKS),
    rssMiB: () => treePids(pid).reduce((sum, one) => sum + rssKiB(one), 0) / 1024,
    stop: async (graceMs = 5000) => {
      if (exit !== undefined) return;
      for (const one of treePids(pid).reverse()) signal(one, 'SIGTERM');
      const timer = setTimeout(() => {
        for (const one of treePids(pid).reverse()) signal(one, 'SIGKILL');
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The spawned processes still running. They are not IPC children, which end with the harness (child-ipc.ts), so
 * a harness that exits early (an error, process.exit) kills their trees on the way out.
 */
const live = new Set<number>();
process.once('exit', () => {
  for (const pid of live) for (const one of treePids(pid).reverse()) signal(one, 'SIGKILL');
});

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The fields of /proc/PID/stat after the command name (field 3 onwards), or undefined once it has gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function cpuTicks(pid: number): number {
  const fields = statFields(pid);
  // utime and stime: fields 14 and 15 of proc(5).
  return fields ? Number(fields[11]) + Number(fields[12]) : 0;
}

function rssKiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** `root` and its descendants, parents before children. */
export function treePids(root: number): number[] {
  if (root <= 0) return [];
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(Number(entry))?.[1]);
    if (!Number.isFinite(parent)) continue;
    const siblings = children.get(parent) ?? [];
    siblings.push(Number(entry));
    children.set(parent, siblings);
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  if (statFields(root)) walk(root);
  return out;
}

/** A TCP port free on 127.0.0.1 at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
