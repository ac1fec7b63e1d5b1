import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { SimAdmin, World } from './fleet/types.js';

/** Returns the admin whose Basic credentials the request carries, or undefined. */
export function authenticate(req: IncomingMessage, world: World): SimAdmin | undefined {
  const header = req.headers.authorization;
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const name = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const admin = world.admins.find((candidate) => candidate.name === name);
  if (!admin) return undefined;
  const given = Buffer.from(password);
  const expected = Buffer.from(admin.password);
  return given.length === expected.length && timingSafeEqual(given, expected) ? admin : undefined;
}
