import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { mergeDevicePages } from '../../src/models/device-merge.js';
import type { DeviceModel } from '../../src/models/device.js';
import { compileNeuronsDeviceFilter, compileNeuronsDeviceOrder } from '../../src/upstream/neurons/device-filter.js';

describe('Neurons device filter', () => {
  it('compiles the conditions fq can say, every value quoted', () => {
    expect(compileNeuronsDeviceFilter(null)).toBeNull();
    expect(
      compileNeuronsDeviceFilter({ platform: ['IOS', 'MACOS'], compliant: false, userEmail: "o'brien@example.com" })
        ?.text,
    ).toBe(
      "((PLATFORMTYPE EQ 'IOS') OR ((PLATFORMTYPE EQ 'OSX') OR (PLATFORMTYPE EQ 'MACOS'))) AND (COMPLIANCESTATE EQ 'false') AND (EMAILADDRESS EQ 'o\\'brien@example.com')",
    );
    expect(compileNeuronsDeviceFilter({ ownership: 'UNKNOWN' })?.text).toBe(
      "(OWNERSHIPTYPE NEQ 'COMPANY') AND (OWNERSHIPTYPE NEQ 'EMPLOYEE')",
    );
  });

  it.each([
    [{ lastCheckInAfter: '2026-01-01T00:00:00.000Z' }, 'lastCheckInAfter'],
    [{ labelId: 3 }, 'labelId'],
    [{ query: '"common.model" = "x"' }, 'query'],
    [{ deviceSpaceName: 'EMEA' }, 'deviceSpaceName'],
    [{ status: ['ACTIVE', 'LOCKED'] as const }, 'status'],
  ])('refuses %j as NOT_SUPPORTED_BY_SOURCE naming the field', (filter, field) => {
    try {
      compileNeuronsDeviceFilter(filter);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).code).toBe('NOT_SUPPORTED_BY_SOURCE');
      expect((error as GatewayError).details.field).toEqual(['filter', field]);
    }
  });

  it('sorts by id without an order and by the NG13 field with one', () => {
    expect(compileNeuronsDeviceOrder(null)).toEqual({ sortField: 'id', sortOrder: 'ASC' });
    expect(compileNeuronsDeviceOrder({ field: 'LAST_CHECK_IN', direction: 'DESC' })).toEqual({
      sortField: 'lastCheckin',
      sortOrder: 'DESC',
    });
  });
});

describe('mergeDevicePages', () => {
  const device = (source: 'EPMM' | 'NEURONS', name: string | null): DeviceModel =>
    ({ source, uuid: `${source}-${name}`, name }) as DeviceModel;

  it('takes the smallest heads first, EPMM first on a tie, nulls last, and reports each position', () => {
    const epmm = [device('EPMM', 'b'), device('EPMM', 'd'), device('EPMM', null)];
    const neurons = [device('NEURONS', 'a'), device('NEURONS', 'B'), device('NEURONS', 'c')];
    const page = mergeDevicePages(epmm, neurons, { epmm: 10, neurons: 20 }, 5, { field: 'NAME' });
    expect(page.devices.map((d) => d.uuid)).toEqual(['NEURONS-a', 'EPMM-b', 'NEURONS-B', 'NEURONS-c', 'EPMM-d']);
    expect(page.positions.at(-1)).toEqual({ epmm: 12, neurons: 23 });
    expect(page.positions[0]).toEqual({ epmm: 10, neurons: 21 });
  });

  it('without an order, lists EPMM before Neurons', () => {
    const page = mergeDevicePages([device('EPMM', 'z')], [device('NEURONS', 'a')], { epmm: 0, neurons: 0 }, 2, null);
    expect(page.devices.map((d) => d.source)).toEqual(['EPMM', 'NEURONS']);
  });
});
