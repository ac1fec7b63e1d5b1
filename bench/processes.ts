// Starts the benchmark's child processes and talks to them. On a machine with two cores or more, the gateway
// (or raw proxy) is pinned to the last core and the load generator with the simulator to the others, so
// that the process being measured never competes with the load it is given.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
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
