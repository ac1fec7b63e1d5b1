// The label and policy mappers over the documents' own samples (test/fixtures/documents) and the shapes the
// samples leave out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { epmmDeviceLabelToModel, epmmListLabelToModel } from '../../src/models/epmm-label.js';
import { epmmPolicyToModel } from '../../src/models/epmm-policy.js';
import { PoliciesResponse } from '../../src/upstream/epmm/v1-admin-dto.js';
import { V1LabelsResponse } from '../../src/upstream/epmm/v1-dto.js';
import { parseV1 } from '../../src/upstream/epmm/v1-json.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../fixtures/documents/${name}`, import.meta.url), 'utf8'));
}

describe('epmm-label', () => {
  it('maps the E22 sample: a negative id is built in, the count and query are kept', () => {
    const [label] = parseV1(V1LabelsResponse, fixture('e22-labels.json'), 'labels').labels;
    expect(epmmListLabelToModel(label)).toEqual({
      kind: 'Label',
      source: 'EPMM',
      legacyId: -3,
      name: 'iOS',
      description: 'Label for all iOS devices.',
      builtIn: true,
      static: false,
      query: '"common.platform"="iOS" AND "common.retired"=false',
      deviceCount: 3,
    });
  });

  it('reads an empty description and query as null', () => {
    expect(
      epmmListLabelToModel({
        id: 7,
        name: 'Sales',
        description: ' ',
        staticLabel: true,
        query: '',
        deviceCount: 0,
        isEsSearch: 116,
      }),
    ).toMatchObject({
      builtIn: false,
      static: true,
      description: null,
      query: null,
      deviceCount: 0,
    });
  });

  it('maps a V25 row without a count, so the resolvers know to read the list', () => {
    expect(epmmDeviceLabelToModel({ id: 5, name: 'Company-Owned', description: null })).toEqual({
      kind: 'Label',
      source: 'EPMM',
      legacyId: 5,
      name: 'Company-Owned',
      description: null,
      builtIn: false,
      static: null,
      query: null,
      deviceCount: null,
    });
  });
});

describe('epmm-policy', () => {
  it('maps the E43 sample with its counts', () => {
    const [policy] = parseV1(PoliciesResponse, fixture('e43-policies.json'), 'policies').policies;
    expect(epmmPolicyToModel(policy, true)).toEqual({
      kind: 'Policy',
      source: 'EPMM',
      legacyId: -2,
      name: 'Default Privacy Policy',
      type: 'PRIVACY',
      builtIn: true,
      status: 'ACTIVE',
      priority: 1,
      description: 'Default Privacy Policy',
      deviceCount: 1,
      pendingDeviceCount: 1,
      rules: [{ name: 'PRIVACY_SYNC_CALLLOGS', value: 'store' }],
    });
  });

  it('drops the E44 counts, which EPMM calls not applicable', () => {
    const [policy] = parseV1(PoliciesResponse, fixture('e44-device-policies.json'), 'device policies').policies;
    expect(epmmPolicyToModel(policy, false)).toMatchObject({ deviceCount: null, pendingDeviceCount: null });
  });

  it('expands resource rules, reads status from text when `active` is missing, and keeps unknown types as OTHER', () => {
    const body = {
      policyWebServiceResponse: {
        policies: {
          policy: {
            id: 104,
            policyName: 'Kiosk',
            policyType: 'ENTERPRISE',
            profileType: 'AppConnect',
            status: 'Inactive',
            rules: {
              rule: [
                {
                  type: 'SECURITY_ENCRYPT_DATA_TYPE',
                  resourceDTOs: [
                    { name: 'Email', value: 'on' },
                    { name: 'PIM', value: 'off' },
                  ],
                },
                { type: 'LOCKDOWN_CAMERA' },
              ],
            },
          },
        },
      },
    };
    const [policy] = parseV1(PoliciesResponse, body, 'policies').policies;
    expect(epmmPolicyToModel(policy, true)).toMatchObject({
      type: 'OTHER',
      builtIn: false,
      status: 'INACTIVE',
      priority: null,
      description: null,
      deviceCount: null,
      rules: [
        { name: 'SECURITY_ENCRYPT_DATA_TYPE/Email', value: 'on' },
        { name: 'SECURITY_ENCRYPT_DATA_TYPE/PIM', value: 'off' },
        { name: 'LOCKDOWN_CAMERA', value: null },
      ],
    });
  });
});
