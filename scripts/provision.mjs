#!/usr/bin/env node
// `pretest`: the system packages `npm test` needs beyond Node, so that `npm ci && npm test` passes on a fresh
// Debian machine. The browser tests drive Debian's chromium through playwright-core (test/helpers/browser.ts: no
// browser download), and the Redis tier tests start redis-server themselves (test/helpers/redis-server.ts).
// When one is missing it is installed with apt-get if this process may (root, or passwordless `sudo -n`);
// otherwise it stops with the one command to run. The decision is pure (provisionPlan) and unit-tested
// (test/unit/provision.test.ts); only main() looks at the machine and runs apt-get.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the tests need: how each is found, and the Debian package that provides it. */
export const REQUIREMENTS = [
  // test/helpers/browser.ts launches this exact path.
  { name: 'chromium', path: '/usr/bin/chromium', aptPackage: 'chromium' },
  { name: 'redis-server', command: 'redis-server', aptPackage: 'redis-server' },
];

/**
 * What to do, from facts about the machine:
 * - `missing`: the apt packages of the requirements not found;
 * - `uid`: the effective user id (0 is root);
 * - `hasAptGet`: apt-get is on the PATH (a Debian family system);
 * - `passwordlessSudo`: `sudo -n true` succeeds.
 * Answers `{ action: 'none' }`, `{ action: 'install', commands, line }` (commands to run in order, line to print)
 * or `{ action: 'refuse', line }` (the line names the command the user must run).
 */
export function provisionPlan({ missing, uid, hasAptGet, passwordlessSudo }) {
  if (missing.length === 0) return { action: 'none' };
  const packages = [...new Set(missing)];
  const why = 'the browser and Redis tests need them';
  if (!hasAptGet)
    return {
      action: 'refuse',
      line: `provision: ${packages.join(' and ')} missing (${why}); install them with your package manager, then run npm test again`,
    };
  const install = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages];
  const update = ['apt-get', 'update', '-qq'];
  if (uid === 0)
    return {
      action: 'install',
      commands: [update, install],
      line: `provision: installing ${packages.join(' ')} with apt-get (${why})`,
    };
  if (passwordlessSudo)
    return {
      action: 'install',
      commands: [
        ['sudo', '-n', ...update],
        ['sudo', '-n', ...install],
      ],
      line: `provision: installing ${packages.join(' ')} with sudo apt-get (${why})`,
    };
  return {
    action: 'refuse',
    line: `provision: ${packages.join(' and ')} missing (${why}); run: sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
  };
}

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The apt packages of the requirements this machine lacks. */
export function missingPackages(
  found = (requirement) => (requirement.path ? isExecutable(requirement.path) : onPath(requirement.command)),
) {
  return REQUIREMENTS.filter((requirement) => !found(requirement)).map((requirement) => requirement.aptPackage);
}

function main() {
  const missing = missingPackages();
  const uid = process.getuid?.() ?? -1;
  const hasAptGet = onPath('apt-get');
  // Asked only when it matters: sudo may log or be slow.
  const passwordlessSudo =
    missing.length > 0 &&
    uid !== 0 &&
    hasAptGet &&
    onPath('sudo') &&
    spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const plan = provisionPlan({ missing, uid, hasAptGet, passwordlessSudo });
  if (plan.action === 'none') return;
  if (plan.action === 'refuse') {
    console.error(plan.line);
    process.exit(1);
  }
  console.log(plan.line);
  for (const [command, ...args] of plan.commands) {
    // apt's progress is noise; its errors are shown when it fails.
    const run = spawnSync(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      stdio: ['ignore', 'ignore', 'pipe'],
      encoding: 'utf8',
    });
    if (run.status !== 0) {
      process.stderr.write(run.stderr ?? '');
      console.error(`provision: '${[command, ...args].join(' ')}' failed (exit ${run.status ?? run.signal})`);
      process.exit(1);
    }
  }
  const still = missingPackages();
  if (still.length > 0) {
    console.error(`provision: ${still.join(' and ')} still missing after apt-get install`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
