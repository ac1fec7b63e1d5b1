// The simulator's posture data: deterministic under its seed, the same device reported alike by EPMM's search and
// details and by Neurons' record, and consistent with the device (builds of its OS, automated enrolment only for
// company-owned Apple devices, which it supervises).
import { describe, expect, it } from 'vitest';
import { deviceDetails, FIELD_BY_NAME } from '../../src/simulator/fleet/device-fields.js';
import { generateWorld } from '../../src/simulator/fleet/generate.js';
import type { World } from '../../src/simulator/fleet/types.js';
import { deviceRecord, deviceView } from '../../src/simulator/neurons/devices.js';
import { neuronsWorld } from '../../src/simulator/neurons/world.js';

const EPMM_POSTURE = [
  'common.device_encrypted',
  'ios.iPhone VERSION',
  'ios.PasscodeIsCompliant',
  'ios.PasscodeIsCompliantWithProfiles',
  'android.os_build_number',
  'android.registration_status',
  'android.security_patch',
];
const NEURONS_POSTURE = ['osBuildVersion', 'supervised', 'passcodeCompliant', 'depEnrolled', 'androidBuildId'];

function posture(world: World) {
  const view = deviceView(world, neuronsWorld(world));
  return world.devices.map((device) => ({
    epmm: EPMM_POSTURE.map((name) => FIELD_BY_NAME.get(name)!.get(device, world)),
    neurons: NEURONS_POSTURE.map((key) => deviceRecord(view, device)[key]),
  }));
}

describe('simulated posture', () => {
  const world = generateWorld({ seed: 9, devices: 400 });
  const view = deviceView(world, neuronsWorld(world));

  it('is the same for the same seed and differs for another', () => {
    expect(posture(generateWorld({ seed: 9, devices: 400 }))).toEqual(posture(world));
    expect(posture(generateWorld({ seed: 10, devices: 400 }))).not.toEqual(posture(world));
  });

  it('reports one build per device, the same to both MDMs, in the form of its OS', () => {
    const forms = {
      iOS: /^\d{2}[A-H]\d{2,3}$/,
      macOS: /^\d{2}[A-H]\d{2,3}$/,
      Android: /^[A-Z]{2}[A-Z0-9]{2}\.\d{6}\.\d{3}/,
    };
    for (const device of world.devices) {
      const build = deviceRecord(view, device).osBuildVersion as string;
      if (device.platform === 'Windows') expect(build.startsWith(`${device.osVersion}.`)).toBe(true);
      else expect(build).toMatch(forms[device.platform]);
      const epmmName = device.platform === 'Android' ? 'android.os_build_number' : 'ios.iPhone VERSION';
      if (device.platform !== 'Windows') expect(FIELD_BY_NAME.get(epmmName)!.get(device, world)).toBe(build);
    }
  });

  it('answers the posture fields alike in search and details', () => {
    for (const device of world.devices.slice(0, 60)) {
      const details = new Map(deviceDetails(device, world, { batteryStats: false }).map((e) => [e.name, e.value]));
      for (const name of EPMM_POSTURE) {
        const field = FIELD_BY_NAME.get(name)!;
        if (field.platforms && !field.platforms.includes(device.platform)) expect(details.has(name)).toBe(false);
        else expect(details.get(name), name).toEqual(field.get(device, world));
      }
    }
  });

  it('enrols only company-owned Apple devices automatically, and supervises them', () => {
    const automated = world.devices.filter((device) => deviceRecord(view, device).depEnrolled === true);
    expect(automated.length).toBeGreaterThan(0);
    for (const device of automated) {
      expect(['iOS', 'macOS']).toContain(device.platform);
      expect(device.ownership).toBe('COMPANY');
      expect(deviceRecord(view, device).supervised).toBe(true);
    }
  });
});
