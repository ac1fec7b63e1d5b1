// Neurons for MDM wire shapes, validated at the boundary. Lenient where the documents' samples and the
// real-world fixtures disagree (nullable counts, `modifiedBy` as a number, an object or null, extra keys).
// Records are decoded by parseNeurons' repair step when they do not fit (docs/decisions.md "Tolerant decoding"):
// so a field that is not an identity is nullable here, and a time's minimum sends epoch seconds to that step.
import { z } from 'zod';
import { EPOCH_MS_MIN, isMasked } from '../decode-warnings.js';

const id = z.number().int();
const count = z.number().int().nonnegative();
const epochMs = z.number().int().min(EPOCH_MS_MIN).nullable();
/** A string that becomes an id or key: a masked placeholder fails, and the repair step nulls it. */
const key = z.string().refine((value) => !isMasked(value), 'masked placeholder');

/** Other names of the same datum across API versions and field selections, read when the first is absent. */
export const NEURONS_VARIANTS: Readonly<Record<string, readonly string[]>> = { deviceName: ['entityName'] };

export interface TreeView {
  operator: string;
  rule: { field: string; cfAttributeName?: string | null; operator: string; values: string[] } | null;
  children: TreeView[] | null;
}
export const TreeView: z.ZodType<TreeView> = z.lazy(() =>
  z.object({
    operator: z.string(),
    rule: z
      .object({
        field: z.string(),
        cfAttributeName: z.string().nullable().optional(),
        operator: z.string(),
        values: z.array(z.string()),
      })
      .nullable(),
    children: z.array(TreeView).nullable(),
  }),
);

export function neuronsPage<T extends z.ZodType>(item: T) {
  return z.object({
    searchResults: z.array(item),
    totalCount: count,
    offset: count,
    limit: count,
    queryTime: z.number().optional(),
  });
}

export const UserGroup = z.object({
  id,
  createdBy: id.nullable().optional(),
  modifiedAt: epochMs.optional(),
  modifiedBy: id.nullable().optional(),
  name: z.string(),
  description: z.string().nullable().optional(),
  source: z.string(),
  mutable: z.boolean(),
  definition: z.string().nullable().optional(),
  membershipStatic: z.boolean(),
  idpGroupDeleted: z.boolean().optional(),
  applicationCount: count.nullable().optional(),
  lastRefresh: epochMs.optional(),
  treeView: TreeView.nullable().optional(),
});
export type UserGroup = z.infer<typeof UserGroup>;
export const UserGroupPage = neuronsPage(UserGroup);
export type UserGroupPage = z.infer<typeof UserGroupPage>;

/** NG04's element shape is undocumented (its sample is empty): kept as loose objects. */
export const DeleteViabilityPage = neuronsPage(z.looseObject({ id: id.optional() }));
export type DeleteViabilityPage = z.infer<typeof DeleteViabilityPage>;

const AccountRef = z.object({ id, accountUid: z.string(), displayName: z.string() });
export const AssignedItem = z.looseObject({
  id: id.nullable(),
  dmPartitionId: id.nullable(),
  name: z.string(),
  policyType: z.string(),
  policyRuleType: z.string(),
  enabled: z.boolean(),
  modifiedAt: epochMs.optional(),
  modifiedBy: AccountRef.nullable().optional(),
});

export const DeviceGroup = z.object({
  id,
  createdAt: epochMs,
  createdBy: id.nullable(),
  modifiedAt: epochMs,
  modifiedBy: z.union([id, AccountRef]).nullable(),
  visible: z.boolean().optional(),
  dmPartitionId: id,
  dmPartitionName: z.string().nullable().optional(),
  name: z.string(),
  description: z.string().nullable(),
  type: z.string(),
  definition: z.string().nullable(),
  mutable: z.boolean(),
  memberCount: count.nullable(),
  systemName: z.string().nullable().optional(),
  membershipStatic: z.boolean().optional(),
  treeView: TreeView.nullable(),
  actionExceptionCodes: z.array(z.unknown()).nullable(),
  assignedConfigs: z.array(AssignedItem).nullable(),
  assignedPolicies: z.array(AssignedItem).nullable().optional(),
  applicationCount: count.nullable().optional(),
  staticMembers: z.array(z.unknown()).nullable().optional(),
});
export type DeviceGroup = z.infer<typeof DeviceGroup>;
export const DeviceGroupPage = neuronsPage(DeviceGroup);
export type DeviceGroupPage = z.infer<typeof DeviceGroupPage>;

/** A device record: the fields the gateway reads are typed; the other 100-odd keys pass through untouched. */
export const NeuronsDevice = z.looseObject({
  id,
  guid: key.nullable().optional(),
  deviceName: z.string().nullable(),
  deviceModel: z.string().nullable(),
  prettyModel: z.string().nullable(),
  manufacturer: z.string().nullable(),
  platformType: z.string().nullable(),
  platformVersion: z.string().nullable(),
  lastCheckin: epochMs,
  lastRegistrationTime: epochMs,
  registrationState: z.string().nullable(),
  displayName: z.string().nullable(),
  uid: key.nullable(),
  emailAddress: z.string().nullable(),
  imei: z.string().nullable(),
  serialNumber: z.string().nullable(),
  complianceState: z.boolean().nullable(),
  ownershipType: z.string().nullable(),
  ownerId: id.nullable(),
  violatedPolicies: z.array(z.string()).nullable(),
  dmPartitionId: id.nullable().optional(),
  dmPartitionName: z.string().nullable().optional(),
  // Posture: optional, as the documents' records leave some out; a `"true"` or `1` is converted and reported.
  osBuildVersion: z.string().nullable().optional(),
  supervised: z.boolean().nullable().optional(),
  passcodeCompliant: z.boolean().nullable().optional(),
  passcodeCompliantWithProfiles: z.boolean().nullable().optional(),
  depEnrolled: z.boolean().nullable().optional(),
  userEnrolled: z.boolean().nullable().optional(),
  androidWorkContainerEnabled: z.boolean().nullable().optional(),
  androidDeviceOwnerModeEnabled: z.boolean().nullable().optional(),
  subscriberCarrierNetwork: z.string().nullable().optional(),
});
export type NeuronsDevice = z.infer<typeof NeuronsDevice>;

export const NeuronsDeviceDetail = NeuronsDevice.extend({ groups: z.array(DeviceGroup).nullable().optional() });
export type NeuronsDeviceDetail = z.infer<typeof NeuronsDeviceDetail>;

export const DeviceSearchResult = z.object({
  totalCount: count,
  searchResults: z.array(NeuronsDevice),
  offset: count,
  limit: count,
  queryTime: z.number().optional(),
  // Counts may be null on real servers; facets are never used for paging.
  facetedResults: z.record(z.string(), z.record(z.string(), z.number().nullable())).optional(),
  totalUnfilteredResultCount: count.optional(),
});
export type DeviceSearchResult = z.infer<typeof DeviceSearchResult>;

export const DevicePartition = z.object({
  id,
  createdAt: epochMs.optional(),
  modifiedAt: epochMs.optional(),
  name: z.string(),
  description: z.string().nullable(),
  domainRule: z.string().nullable(),
  defaultPartition: z.boolean(),
  priority: z.number().int(),
  treeView: TreeView.nullable(),
  deviceCount: count.optional(),
  deviceGroupCount: count.optional(),
});
export type DevicePartition = z.infer<typeof DevicePartition>;
export const DevicePartitionPage = neuronsPage(DevicePartition);
export type DevicePartitionPage = z.infer<typeof DevicePartitionPage>;

/** `result` of the write calls: a count (NG05 `1`, NG06/NG03 `0`) or a flag (NG07/NG08 `true`). */
export const WriteResult = z.union([z.boolean(), z.number()]);

/** The `{errors, result}` envelope; a non-null `errors` is a refusal whatever the HTTP status. */
export const Envelope = z.object({ errors: z.unknown(), result: z.unknown() });
