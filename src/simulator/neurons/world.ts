// The Neurons for MDM view of the ONE simulated World: partitions, accounts, tenant admins, user groups and
// device groups. Devices and users are the World's own (same physical fleet as EPMM, Neurons names and
// numeric ids); the group state lives here, built lazily per World so EPMM-only runs pay nothing.
import type { SimDevice, SimUser, World } from '../fleet/types.js';
import { parseFilter } from './filter/parse.js';
import type { FilterNode } from './filter/ast.js';

export interface NeuronsPartition {
  id: number;
  name: string;
  description: string | null;
  defaultPartition: boolean;
  priority: number;
  createdAt: number;
  /** The EPMM region spaces whose devices this partition holds. */
  epmmSpaceIds: number[];
}

export interface NeuronsUserGroup {
  id: number;
  name: string;
  description: string | null;
  source: 'LOCAL';
  mutable: boolean;
  definition: string | null;
  filter: FilterNode | null;
  membershipStatic: boolean;
  /** Built-in groups (All Users) cannot be deleted; All Users always holds every account. */
  system: boolean;
  createdBy: number;
  modifiedBy: number;
  modifiedAt: number;
  lastRefresh: number;
  applicationCount: number;
  /** Static members (account ids); dynamic groups compute theirs from `filter`. */
  members: Set<number>;
}

export interface NeuronsDeviceGroup {
  id: number;
  partitionId: number;
  name: string;
  description: string | null;
  definition: string | null;
  filter: FilterNode | null;
  mutable: boolean;
  systemName: string | null;
  membershipStatic: boolean;
  createdAt: number | null;
  createdBy: number | null;
  modifiedAt: number | null;
  modifiedBy: number | null;
  /** Neurons device ids, for static groups. */
  staticMembers: Set<number>;
}

export interface NeuronsWorld {
  partitions: NeuronsPartition[];
  /** Tenant admins: admin name -> account id and the partitions they may act in. */
  tenantAdmins: Map<string, { accountId: number; partitionIds: number[] }>;
  accountIdByUserUuid: Map<string, number>;
  userByAccountId: Map<number, SimUser>;
  userGroups: Map<number, NeuronsUserGroup>;
  deviceGroups: Map<number, NeuronsDeviceGroup>;
  nextUserGroupId: number;
  nextDeviceGroupId: number;
}

/** Neurons device ids are numeric and far from EPMM's `common.id`, as in the real-world fixtures (1000000…). */
export const NEURONS_DEVICE_ID_BASE = 1_000_000;
const ACCOUNT_ID_BASE = 10_000;
export const ALL_USERS_GROUP_ID = 11776;
const CREATED_AT = Date.UTC(2025, 0, 9, 17, 27, 22, 684);

/** "Default Space" (the NG10-NG12 name) holds APAC; EMEA and the Americas have their own partitions. */
const PARTITIONS: readonly Omit<NeuronsPartition, 'createdAt'>[] = [
  {
    id: 23504,
    name: 'Default Space',
    description: 'Default device management Space.',
    defaultPartition: true,
    priority: 3,
    epmmSpaceIds: [4],
  },
  {
    id: 23505,
    name: 'EMEA Space',
    description: 'Europe, Middle East and Africa',
    defaultPartition: false,
    priority: 1,
    epmmSpaceIds: [2],
  },
  {
    id: 23506,
    name: 'Americas Space',
    description: 'North and South America',
    defaultPartition: false,
    priority: 2,
    epmmSpaceIds: [3],
  },
];

const BUILT_IN_DEVICE_GROUPS: readonly {
  name: string;
  description: string;
  systemName: string | null;
  definition: string | null;
  static?: boolean;
}[] = [
  { name: 'All Devices', description: 'Targets any type of device.', systemName: 'ALL_DEVICES', definition: null },
  {
    name: 'iOS Devices',
    description: 'Targets all iOS devices',
    systemName: 'IOS_DEVICES',
    definition: "PLATFORMTYPE EQ 'IOS'",
  },
  {
    name: 'Android Devices',
    description: 'Targets all Android devices',
    systemName: 'ANDROID_DEVICES',
    definition: "PLATFORMTYPE EQ 'ANDROID'",
  },
  {
    name: 'macOS Devices',
    description: 'Targets all macOS devices',
    systemName: 'OSX_DEVICES',
    definition: "PLATFORMTYPE EQ 'OSX'",
  },
  // The real-world fixture names Windows desktops WINDOWS_PHONE; the simulator keeps that quirk.
  {
    name: 'Windows Devices',
    description: 'Targets all Windows devices',
    systemName: 'WINDOWS_PHONE_DEVICES',
    definition: "PLATFORMTYPE EQ 'WINDOWS_PHONE'",
  },
  {
    name: 'Loaner Devices',
    description: 'Devices lent out by the service desk',
    systemName: null,
    definition: null,
    static: true,
  },
];

const cache = new WeakMap<World, NeuronsWorld>();

/** The Neurons state of a World, created on first use and then kept, so every call sees the same groups. */
export function neuronsWorld(world: World): NeuronsWorld {
  let found = cache.get(world);
  if (!found) {
    found = buildNeuronsWorld(world);
    cache.set(world, found);
  }
  return found;
}

export function neuronsDeviceId(device: SimDevice): number {
  return NEURONS_DEVICE_ID_BASE + device.id;
}

export function deviceByNeuronsId(world: World, id: number): SimDevice | undefined {
  const epmmId = id - NEURONS_DEVICE_ID_BASE;
  if (epmmId < 1) return undefined;
  // Devices are generated in id order, so the index is a direct hit until some are deleted from the World.
  const device = world.devices[epmmId - 1];
  return device?.id === epmmId ? device : world.devices.find((candidate) => candidate.id === epmmId);
}

export function partitionOf(neurons: NeuronsWorld, device: SimDevice): NeuronsPartition | undefined {
  return neurons.partitions.find((partition) => partition.epmmSpaceIds.includes(device.spaceId));
}

function buildNeuronsWorld(world: World): NeuronsWorld {
  const partitions = PARTITIONS.map((partition) => ({ ...partition, createdAt: CREATED_AT }));
  const accountIdByUserUuid = new Map<string, number>();
  const userByAccountId = new Map<number, SimUser>();
  world.users.forEach((user, index) => {
    accountIdByUserUuid.set(user.uuid, ACCOUNT_ID_BASE + index + 1);
    userByAccountId.set(ACCOUNT_ID_BASE + index + 1, user);
  });
  const accountIds = [...userByAccountId.keys()];

  const userGroups = new Map<number, NeuronsUserGroup>();
  const addUserGroup = (id: number, name: string, fields: Partial<NeuronsUserGroup>) =>
    userGroups.set(id, {
      id,
      name,
      description: name,
      source: 'LOCAL',
      mutable: true,
      definition: null,
      filter: null,
      membershipStatic: true,
      system: false,
      createdBy: 1,
      modifiedBy: 1,
      modifiedAt: CREATED_AT,
      lastRefresh: CREATED_AT,
      applicationCount: 0,
      members: new Set(),
      ...fields,
    });
  // As in NG02: the built-in group is static *and* carries a self-referencing definition.
  const allUsers = "ACCOUNTGROUP EQ 'All Users'";
  addUserGroup(ALL_USERS_GROUP_ID, 'All Users', {
    definition: allUsers,
    filter: parseFilter(allUsers),
    system: true,
    applicationCount: 24,
    members: new Set(accountIds),
  });
  addUserGroup(11777, 'Managers', { members: new Set(accountIds.filter((_, index) => index % 10 === 0)) });
  addUserGroup(11778, 'Field Sales', { members: new Set(accountIds.filter((_, index) => index % 7 === 3)) });
  const ldap = "ACCOUNTSOURCE EQ 'LDAP'";
  addUserGroup(11779, 'Directory Users', { membershipStatic: false, definition: ldap, filter: parseFilter(ldap) });

  const deviceGroups = new Map<number, NeuronsDeviceGroup>();
  let nextId = 40165;
  for (const partition of partitions) {
    const inPartition = world.devices.filter((device) => partition.epmmSpaceIds.includes(device.spaceId));
    for (const spec of BUILT_IN_DEVICE_GROUPS) {
      const id = nextId++;
      deviceGroups.set(id, {
        id,
        partitionId: partition.id,
        name: spec.name,
        description: spec.description,
        definition: spec.definition,
        filter: spec.definition === null ? null : parseFilter(spec.definition),
        mutable: spec.static === true,
        systemName: spec.systemName,
        membershipStatic: spec.static === true,
        createdAt: null,
        createdBy: null,
        modifiedAt: null,
        modifiedBy: null,
        staticMembers: new Set(spec.static ? inPartition.slice(0, 3).map(neuronsDeviceId) : []),
      });
    }
  }

  return {
    partitions,
    tenantAdmins: new Map([
      ['miadmin', { accountId: 12533, partitionIds: partitions.map((partition) => partition.id) }],
      ['emea', { accountId: 12534, partitionIds: [23505] }],
    ]),
    accountIdByUserUuid,
    userByAccountId,
    userGroups,
    deviceGroups,
    nextUserGroupId: 2168413,
    nextDeviceGroupId: 47808,
  };
}
