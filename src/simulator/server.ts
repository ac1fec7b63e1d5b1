// The simulator: a real HTTP server that behaves like EPMM (and, under /neurons, Neurons for MDM).
// It imports nothing from the gateway so that it can catch the gateway's mistakes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate } from './auth.js';
import { generateWorld } from './fleet/generate.js';
import type { World } from './fleet/types.js';
import { SimHttpError } from './http/errors.js';
import { ParamError, parseParams } from './http/params.js';
import { epmmError, send } from './http/respond.js';
import { Router } from './http/router.js';
import { simulatorRoutes } from './routes/index.js';
import { TestHooks } from './test-hooks.js';
import { LiveControl } from './live/control.js';
import { worldNow } from './live/state.js';
import { buildOpenApi } from './openapi.js';
import { varyResponse, type Realism } from './realism.js';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  devices?: number;
  seed?: number;
  latencyMs?: number;
  jitterMs?: number;
  /** `varied`: answer with the variations real servers show (realism.ts); default `strict`. */
  realism?: Realism;
  /** Tick the world every `tickMs` ms (live/control.ts); 0, the default, leaves it still until told to tick. */
  tickMs?: number;
  /** Ticks before a device command sent to a live world takes effect; default 2 (live/state.ts). */
  actionDelayTicks?: number;
}

export interface RunningSimulator {
  url: string;
  world: World;
  hooks: TestHooks;
  /** The world's clock: its timer, and `advance(n)` for tests (what `POST /__sim/tick` runs). */
  live: LiveControl;
  router: Router;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function createSimulatorRouter(): Router {
  const router = new Router();
  for (const route of simulatorRoutes) router.add(route);
  return router;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const world = generateWorld({ seed: options.seed ?? 1, devices: options.devices ?? 1000 });
  const hooks = new TestHooks(options.latencyMs ?? 0, options.jitterMs ?? 0, options.realism ?? 'strict');
  const router = createSimulatorRouter();
  const live = new LiveControl(world, { tickMs: options.tickMs, actionDelayTicks: options.actionDelayTicks });
  const server = createServer((req, res) => {
    handle(req, res, { world, hooks, live, router }).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, epmmError('com.mobileiron.vsp.messages.internal.error', 'Internal error.'));
      console.error('simulator: unhandled error', error);
    });
  });
  server.keepAliveTimeout = 65_000;
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    world,
    hooks,
    live,
    router,
    close: () =>
      new Promise<void>((resolve) => {
        live.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

interface Simulation {
  world: World;
  hooks: TestHooks;
  live: LiveControl;
  router: Router;
}

async function handle(req: IncomingMessage, res: ServerResponse, simulation: Simulation): Promise<void> {
  const { world, hooks, router } = simulation;
  const url = new URL(req.url ?? '/', 'http://simulator');
  if (url.pathname === '/__sim/openapi.json') return send(res, 200, buildOpenApi(router.routes()));
  if (url.pathname.startsWith('/__sim/')) return handleHook(req, res, url, simulation);

  const match = router.match(req.method ?? 'GET', url.pathname);
  if (!match) {
    send(
      res,
      404,
      epmmError('com.mobileiron.vsp.messages.resource.not.found', `No resource at ${req.method} ${url.pathname}.`),
    );
    return;
  }
  hooks.count(match.key);
  const delay = hooks.delayMs();
  if (delay > 0) await sleep(delay);

  const fault = hooks.takeFault(match.key);
  if (fault?.delayMs) await sleep(fault.delayMs);
  // A fault with only `delayMs` slows the call down and then answers normally.
  if (fault && (fault.status !== undefined || fault.reset || fault.malformed)) {
    if (fault.reset) {
      req.socket.destroy();
      return;
    }
    if (fault.malformed) {
      send(res, fault.status ?? 200, '{"results":[{"common.uuid":', 'application/json');
      return;
    }
    const headers: Record<string, string> =
      fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
    send(
      res,
      fault.status ?? 500,
      epmmError('com.mobileiron.vsp.messages.injected.fault', `Injected fault ${fault.status ?? 500}.`),
      'application/json',
      headers,
    );
    return;
  }

  const { route } = match;
  const errorBody = route.errorBody ?? ((key: string, message: string) => epmmError(key, message));
  const admin = authenticate(req, world);
  if (!admin) {
    send(
      res,
      401,
      errorBody('com.mobileiron.vsp.messages.authentication.failed', 'Authentication failed.'),
      'application/json',
      {
        'www-authenticate': 'Basic realm="MobileIron"',
      },
    );
    return;
  }
  if (!route.roles.some((role) => admin.roles.has(role))) {
    send(
      res,
      403,
      errorBody(
        'com.mobileiron.vsp.messages.access.denied',
        'The administrator does not have the role required for this call.',
      ),
    );
    return;
  }
  try {
    const query = parseParams(route.query, url.searchParams);
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await readBody(req);
    const result = await route.handle({
      world,
      admin,
      params: match.params,
      query,
      rawQuery: url.searchParams,
      body,
      now: worldNow(world, Date.now()),
    });
    const varied = hooks.config.realism === 'varied';
    const answer = varied ? varyResponse(match.key, result.body, url.searchParams) : result.body;
    send(res, result.status, answer, result.contentType, result.headers);
  } catch (error) {
    if (error instanceof ParamError) {
      send(
        res,
        400,
        route.errorBody
          ? route.errorBody('com.mobileiron.vsp.messages.validation.failure', error.message)
          : epmmError('com.mobileiron.vsp.messages.validation.failure', error.message, [error.param]),
      );
    } else if (error instanceof SimHttpError) {
      send(res, error.status, error.body);
    } else {
      throw error;
    }
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new SimHttpError(
        413,
        epmmError('com.mobileiron.vsp.messages.request.too.large', 'Request body too large.'),
      );
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The DS10/DS11 samples send `name=value` form text labelled as JSON; EPMM accepts them, so do we.
    if (/^[\w.%+-]+=[^&]*(&[\w.%+-]+=[^&]*)*$/.test(text.trim()))
      return Object.fromEntries(new URLSearchParams(text.trim()));
    throw new SimHttpError(
      400,
      epmmError('com.mobileiron.vsp.messages.invalid.json', 'The request body is not valid JSON.'),
    );
  }
}

async function handleHook(req: IncomingMessage, res: ServerResponse, url: URL, simulation: Simulation): Promise<void> {
  const { hooks, live } = simulation;
  const route = `${req.method} ${url.pathname}`;
  const config = () => ({ ...hooks.config, ...live.settings() });
  if (route === 'GET /__sim/stats') return send(res, 200, hooks.stats());
  if (route === 'POST /__sim/stats/reset') {
    hooks.reset();
    return send(res, 200, hooks.stats());
  }
  if (route === 'GET /__sim/config') return send(res, 200, config());
  if (route === 'GET /__sim/tick') return send(res, 200, live.clock());
  try {
    if (route === 'POST /__sim/config') {
      const body = await readJsonObject(req);
      // The live settings apply only once the hooks have taken theirs, so a refused body leaves the clock alone.
      const applyLive = live.prepare(body);
      hooks.configure(body);
      applyLive();
      return send(res, 200, config());
    }
    if (route === 'POST /__sim/tick') {
      const body = await readJsonObject(req);
      return send(res, 200, live.advance(optionalNumber(body.count, 1), optionalNumber(body.stepMs, undefined)));
    }
  } catch (error) {
    return send(res, 400, { error: error instanceof Error ? error.message : 'invalid request' });
  }
  send(res, 404, { error: `unknown hook ${route}` });
}

async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readText(req);
  const body: unknown = text ? JSON.parse(text) : {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('body must be a JSON object');
  return body as Record<string, unknown>;
}

/** A number as sent; anything else is passed on for the control to refuse with its own message. */
function optionalNumber<T>(value: unknown, fallback: T): number | T {
  if (value === undefined) return fallback;
  return typeof value === 'number' ? value : Number.NaN;
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
