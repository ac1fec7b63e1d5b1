// File helpers both builds share (scripts/build.mjs for dist/main.js, scripts/build-portal.mjs for dist/portal):
// replacing an output in one step, and the staleness test of their inputs.
import { readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes, then renames: a process reading the file meanwhile gets the old contents or the new, never half. */
export function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** The newest modification time under a path (directories count: a deleted file changes its directory's time). */
export function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let time = stat.mtimeMs;
  for (const entry of readdirSync(path)) time = Math.max(time, newest(join(path, entry)));
  return time;
}
