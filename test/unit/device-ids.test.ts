// The Device part of the global-id codec: EPMM devices by UUID (unchanged), Neurons devices by partition and
// numeric id, with every other Neurons key refused as malformed input.
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.js';
import { decodeId, deviceGlobalId, encodeId, neuronsDeviceRefOf } from '../../src/ids.js';

const UUID = '6a1e0b0c-1d2e-4f30-8a40-5b6c7d8e9f00';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof GatewayError ? error.code : 'OTHER';
  }
  return undefined;
}

describe('Device global ids', () => {
  it('keeps EPMM device ids as the UUID', () => {
    const id = deviceGlobalId({ source: 'EPMM', uuid: UUID });
    expect(id).toBe(encodeId('Device', 'EPMM', UUID));
    expect(decodeId(id)).toEqual({ type: 'Device', source: 'EPMM', key: UUID });
  });

  it('round-trips a Neurons device through its partition and numeric id, whatever its UUID', () => {
    const id = deviceGlobalId({ source: 'NEURONS', uuid: UUID, neurons: { partitionId: 23003, id: 1169944 } });
    expect(Buffer.from(id, 'base64url').toString('utf8')).toBe('Device:NEURONS:23003:1169944');
    expect(neuronsDeviceRefOf(decodeId(id))).toEqual({ partitionId: 23003, id: 1169944 });
  });

  it('refuses a Neurons device model without its reference instead of minting an id Neurons cannot read', () => {
    expect(() => deviceGlobalId({ source: 'NEURONS', uuid: UUID })).toThrow(/partition/);
  });

  it.each([
    UUID,
    '1169944',
    '23003:',
    ':1169944',
    '23003:1169944:1',
    '23003:-5',
    '23003:1e6',
    '023003:1169944',
    '23003: 1169944',
    '1234567890123456:1',
    '２３００３:1',
  ])('refuses the Neurons device key %j as BAD_USER_INPUT', (key) => {
    expect(codeOf(() => decodeId(encodeId('Device', 'NEURONS', key)))).toBe('BAD_USER_INPUT');
  });

  it('leaves other types keyed as before', () => {
    expect(decodeId(encodeId('Group', 'NEURONS', 'device:23003:40165')).key).toBe('device:23003:40165');
    expect(codeOf(() => neuronsDeviceRefOf(decodeId(encodeId('Device', 'EPMM', UUID))))).toBe('BAD_USER_INPUT');
  });
});
