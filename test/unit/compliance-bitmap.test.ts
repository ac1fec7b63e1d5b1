import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMPLIANCE_BITS,
  decodeComplianceBitmap,
  encodeComplianceReasons,
} from '../../src/models/compliance-bitmap.js';

describe('decodeComplianceBitmap', () => {
  it("decodes the guide's example: compromised (1) + OS too old (2) = 3", () => {
    expect(decodeComplianceBitmap(3)).toEqual(['COMPROMISED', 'OS_VERSION_TOO_OLD']);
  });

  it("reads the guide's misprinted decimals as the sums they are", () => {
    expect(decodeComplianceBitmap(8256)).toEqual(['APP_CONTROL', 'REQUIRED_APP_MISSING']);
    expect(decodeComplianceBitmap(8272)).toEqual(['POLICY_OUT_OF_DATE', 'APP_CONTROL', 'REQUIRED_APP_MISSING']);
    expect(decodeComplianceBitmap(16)).toEqual(['POLICY_OUT_OF_DATE']);
  });

  it('treats 0, null and junk as compliant, and unassigned bits as UNKNOWN', () => {
    expect(decodeComplianceBitmap(0)).toEqual([]);
    expect(decodeComplianceBitmap(null)).toEqual([]);
    expect(decodeComplianceBitmap('abc')).toEqual([]);
    expect(decodeComplianceBitmap('2048')).toEqual(['DEVICE_ADMIN_DEACTIVATED']);
    expect(decodeComplianceBitmap(0x20000)).toEqual(['UNKNOWN']);
  });

  it('round-trips every combination of known bits', () => {
    fc.assert(
      fc.property(fc.subarray(COMPLIANCE_BITS.map(([, reason]) => reason)), (reasons) => {
        expect(decodeComplianceBitmap(encodeComplianceReasons(reasons))).toEqual(
          COMPLIANCE_BITS.map(([, r]) => r).filter((r) => reasons.includes(r)),
        );
      }),
    );
  });
});
