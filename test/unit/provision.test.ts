// The pretest provisioning's decisions (scripts/provision.mjs): what it installs, when it may run apt-get, and the
// one line it prints. Nothing here runs apt-get or sudo.
import { describe, expect, it } from 'vitest';
import { missingPackages, provisionPlan, REQUIREMENTS } from '../../scripts/provision.mjs';

const both = ['chromium', 'redis-server'];

describe('pretest provisioning', () => {
  it('does nothing when both are installed', () => {
    expect(provisionPlan({ missing: [], uid: 1000, hasAptGet: false, passwordlessSudo: false })).toEqual({
      action: 'none',
    });
  });

  it('lists the apt package of each requirement not found', () => {
    expect(missingPackages(() => true)).toEqual([]);
    expect(missingPackages(() => false)).toEqual(both);
    expect(missingPackages((requirement) => requirement.name === 'chromium')).toEqual(['redis-server']);
    // The browser helper launches /usr/bin/chromium itself, so that path (not any chromium on PATH) counts.
    expect(REQUIREMENTS.find((requirement) => requirement.name === 'chromium')?.path).toBe('/usr/bin/chromium');
  });

  it('installs with apt-get as root, updating the lists first, and says what in one line', () => {
    const plan = provisionPlan({ missing: both, uid: 0, hasAptGet: true, passwordlessSudo: false });
    expect(plan.action).toBe('install');
    if (plan.action !== 'install') return;
    expect(plan.commands).toEqual([
      ['apt-get', 'update', '-qq'],
      ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium', 'redis-server'],
    ]);
    expect(plan.line).toMatch(/^provision: installing chromium redis-server with apt-get/);
    expect(plan.line).not.toContain('\n');
  });

  it('installs through sudo -n when a non-root user has passwordless sudo', () => {
    const plan = provisionPlan({ missing: ['redis-server'], uid: 1000, hasAptGet: true, passwordlessSudo: true });
    expect(plan.action).toBe('install');
    if (plan.action !== 'install') return;
    expect(plan.commands.every((command) => command[0] === 'sudo' && command[1] === '-n')).toBe(true);
    expect(plan.commands[1].slice(-1)).toEqual(['redis-server']);
    expect(plan.line).toMatch(/sudo apt-get/);
  });

  it('refuses without root or passwordless sudo, naming the exact command', () => {
    const plan = provisionPlan({ missing: both, uid: 1000, hasAptGet: true, passwordlessSudo: false });
    expect(plan).toEqual({
      action: 'refuse',
      line: expect.stringContaining('run: sudo apt-get update && sudo apt-get install -y chromium redis-server'),
    });
  });

  it('refuses on a machine without apt-get, naming the packages', () => {
    const plan = provisionPlan({ missing: ['chromium'], uid: 0, hasAptGet: false, passwordlessSudo: true });
    expect(plan.action).toBe('refuse');
    if (plan.action !== 'refuse') return;
    expect(plan.line).toMatch(/chromium missing .*package manager/);
  });
});
