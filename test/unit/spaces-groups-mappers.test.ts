// The device-space and Neurons group/device mappers over the vendor documents' own samples, validated by the
// same DTOs the clients use.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  epmmAdmins,
  epmmDeviceSpaceToModel,
  epmmPolicyRestrictionToModel,
} from '../../src/models/epmm-device-space.js';
import { groupGlobalId, parseGroupKey } from '../../src/models/group-id.js';
import { neuronsDeviceToModel } from '../../src/models/neurons-device.js';
import { neuronsDeviceGroupToModel, neuronsUserGroupToModel } from '../../src/models/neurons-group.js';
import { decodeId } from '../../src/ids.js';
import { DeviceSpaceListResponse, PolicyRestrictionsResponse } from '../../src/upstream/epmm/device-spaces-dto.js';
import { DeviceGroup, DeviceGroupPage, DeviceSearchResult, UserGroupPage } from '../../src/upstream/neurons/dto.js';
import { parseNeurons } from '../../src/upstream/neurons/parse.js';

const sample = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/documents/${file}`, import.meta.url), 'utf8'));

describe('EPMM device spaces', () => {
  it('maps the DS01 sample', () => {
    const [item] = DeviceSpaceListResponse.parse(sample('ds01-list.json')).results;
    expect(epmmDeviceSpaceToModel(item)).toEqual({
      kind: 'DeviceSpace',
      id: 1,
      name: 'Global',
      description: null,
      listing: { criteria: '', priority: 1, status: 'ACTIVE', deviceCount: 319, admins: ['miadmin'] },
    });
  });

  it('splits the admins string and reads unknown statuses as UNKNOWN', () => {
    expect(epmmAdmins('miadmin, emea,,  helpdesk ')).toEqual(['miadmin', 'emea', 'helpdesk']);
    expect(epmmAdmins('')).toEqual([]);
    const odd = epmmDeviceSpaceToModel({
      id: 7,
      name: 'X',
      criteria: '',
      status: 'DELETING',
      priority: 3,
      deviceCount: 0,
      admins: '',
    });
    expect(odd.listing?.status).toBe('UNKNOWN');
  });

  it('maps the DS08 sample', () => {
    const { policyRestrictions } = PolicyRestrictionsResponse.parse(sample('ds08-policy-restrictions.json')).results;
    expect(policyRestrictions.map(epmmPolicyRestrictionToModel)).toEqual([
      { profileType: 'PRIVACY', creationAllowedInSpace: true, overrideGlobalPolicies: false },
      { profileType: 'SECURITY', creationAllowedInSpace: true, overrideGlobalPolicies: false },
    ]);
  });
});

describe('Neurons groups', () => {
  it('maps NG02 user groups without members or counts', () => {
    const page = parseNeurons(UserGroupPage, sample('ng02-list-user-groups.json'), 'user groups');
    const allUsers = neuronsUserGroupToModel(page.searchResults[0]);
    expect(allUsers).toMatchObject({
      groupKind: 'USER_GROUP',
      legacyId: 11776,
      name: 'All Users',
      static: true,
      definition: "ACCOUNTGROUP EQ 'All Users'",
      memberCount: null,
      partitionId: null,
    });
    expect(allUsers.membership.kind).toBe('unsupported');
  });

  it('maps NG10 device groups: rule to fq, counts and assignments', () => {
    const page = parseNeurons(DeviceGroupPage, sample('ng10-device-groups-full.json'), 'device groups');
    const all = neuronsDeviceGroupToModel(page.searchResults[0], true);
    expect(all).toMatchObject({
      groupKind: 'DEVICE_GROUP',
      legacyId: 38009,
      name: 'All Devices',
      static: false,
      memberCount: 510,
      partitionId: 23003,
    });
    // A null treeView on a system group is "every device": an empty fq.
    expect(all.membership).toEqual({ kind: 'rule', fq: null });
    expect(all.assignedConfigurations?.length).toBeGreaterThan(0);
    // NG09's sample: a rule group created with `PRETTYMODEL EQ 'iPad'` and no membershipStatic key.
    const created = parseNeurons(DeviceGroup, sample('ng09-create-device-group.json'), 'device group');
    const model = neuronsDeviceGroupToModel(created, false);
    expect(model).toMatchObject({
      legacyId: 39340,
      static: false,
      memberCount: null,
      definition: "PRETTYMODEL EQ 'iPad' ",
    });
    expect(model.membership).toEqual({ kind: 'rule', fq: "PRETTYMODEL EQ 'iPad'" });
  });

  it('reads static members as numeric ids and refuses rules fq cannot express', () => {
    const page = parseNeurons(DeviceGroupPage, sample('ng10-device-groups-full.json'), 'device groups');
    const base = page.searchResults[0];
    expect(
      neuronsDeviceGroupToModel(
        { ...base, membershipStatic: true, staticMembers: [1000003, '1000001', { id: 5 }] },
        true,
      ).membership,
    ).toEqual({
      kind: 'static',
      deviceIds: [1000003, 1000001],
    });
    const contains = {
      operator: 'LEAF',
      rule: { field: 'DEVICENAME', operator: 'CONTAINS', values: ['x'] },
      children: null,
    };
    expect(neuronsDeviceGroupToModel({ ...base, treeView: contains }, true).membership.kind).toBe('unsupported');
  });

  it('round-trips group ids and rejects forged keys', () => {
    const page = parseNeurons(DeviceGroupPage, sample('ng10-device-groups-full.json'), 'device groups');
    const model = neuronsDeviceGroupToModel(page.searchResults[0], true);
    expect(parseGroupKey(decodeId(groupGlobalId(model)).key)).toEqual({
      kind: 'DEVICE_GROUP',
      partitionId: 23003,
      id: 38009,
    });
    expect(parseGroupKey('user:11776')).toEqual({ kind: 'USER_GROUP', id: 11776 });
    expect(parseGroupKey('device:1:x')).toBeNull();
    expect(parseGroupKey("user:1' OR 1")).toBeNull();
  });
});

describe('Neurons devices', () => {
  it('maps the NG13 sample into a NEURONS device', () => {
    const result = parseNeurons(DeviceSearchResult, sample('ng13-devices-by-group.json'), 'devices');
    const device = neuronsDeviceToModel(result.searchResults[0], 23003);
    expect(device).toMatchObject({
      source: 'NEURONS',
      // What Neurons reads it back by (and its global id carries): the partition it was read in and its id.
      neurons: { partitionId: 23003, id: 197483 },
      // The sample has no guid: the numeric id is the only key.
      uuid: '197483',
      legacyId: 197483,
      platform: 'IOS',
      osVersion: '8.1.2',
      status: 'ACTIVE',
      phoneNumber: '+447480308390',
      lastCheckInAt: new Date(1422649201021).toISOString(),
      user: { source: 'NEURONS', displayName: 'Stuart Cordery', firstName: 'Stuart', lastName: 'Cordery' },
    });
  });

  it('keys a device by its guid and reads platform, ownership and capacities', () => {
    const result = parseNeurons(DeviceSearchResult, sample('ng13-devices-by-group.json'), 'devices');
    const record = {
      ...result.searchResults[0],
      guid: 'A57DCD91-F9A4-428E-BD47-3DD96BB7E1F9',
      platformType: 'OSX',
      ownershipType: 'company',
      totalCapacity: 64.5,
      uid: null,
    };
    expect(neuronsDeviceToModel(record, 23003)).toMatchObject({
      uuid: 'a57dcd91-f9a4-428e-bd47-3dd96bb7e1f9',
      platform: 'MACOS',
      ownership: 'COMPANY',
      storageCapacityBytes: 64_500_000_000,
      user: null,
    });
  });
});

describe('NEURONS_URL', () => {
  it('accepts a URL, off, or nothing, and refuses anything else', async () => {
    const { ConfigError, loadConfig } = await import('../../src/config.js');
    expect(loadConfig({ NEURONS_URL: 'https://tenant.example.com/neurons/' }).neuronsUrl).toBe(
      'https://tenant.example.com/neurons',
    );
    expect(loadConfig({ NEURONS_URL: 'off' }).neuronsUrl).toBe('off');
    expect(loadConfig({}).neuronsUrl).toBeUndefined();
    expect(() => loadConfig({ NEURONS_URL: 'ftp://tenant.example.com' })).toThrow(ConfigError);
  });
});
