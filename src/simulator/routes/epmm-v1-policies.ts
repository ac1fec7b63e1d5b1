// EPMM v1 policies (catalogue E43-E45): all policies with their device counts, the policies in force on one
// device, and applying/removing a policy for a label, which changes what E44 reports for that label's devices.
import { effectivePolicies, type PolicyRule, type SimPolicy } from '../fleet/policies.js';
import type { SimAdmin, SimDevice, SimLabel, World } from '../fleet/types.js';
import { ParamError } from '../http/params.js';
import type { RouteDefinition } from '../http/route.js';
import { deviceHasLabel } from '../labels.js';
import {
  v1Body,
  v1Error,
  v1ErrorBodyFor,
  v1List,
  v1Messages,
  V1_ROLES,
  V1_ROOT,
  type V1Object,
  type V1Value,
} from '../v1/json.js';
import { v1RequiredText } from '../v1/params.js';
import { v1Scope } from '../v1/scope.js';

const ROOT = V1_ROOT.policies;
const LIST_DESCRIPTION =
  '`policyWebServiceResponse` with `messages` (" N policy returned.", leading space as documented) and `policies.policy` (an object when there is one).';

/** Devices that are retired or wiped carry no policies. */
function managed(device: SimDevice): boolean {
  return device.status !== 'RETIRED' && device.status !== 'WIPED';
}

/** A membership test for one device's labels (built-in labels are computed, the others applied). */
function labelTest(labelsById: ReadonlyMap<number, SimLabel>, device: SimDevice): (labelId: number) => boolean {
  return (labelId) => {
    const label = labelsById.get(labelId);
    return label !== undefined && deviceHasLabel(device, label);
  };
}

export function devicePolicies(world: World, device: SimDevice): SimPolicy[] {
  if (!managed(device)) return [];
  return effectivePolicies(world.policies, labelTest(new Map(world.labels.map((label) => [label.id, label])), device));
}

/** Per policy: devices in the admin's spaces with it in force, and those of them still pending registration. */
function policyCounts(world: World, admin: SimAdmin): Map<number, { applied: number; pending: number }> {
  const counts = new Map(world.policies.map((policy) => [policy.id, { applied: 0, pending: 0 }]));
  const inScope = v1Scope(world, admin);
  const labelsById = new Map(world.labels.map((label) => [label.id, label]));
  for (const device of world.devices) {
    if (!inScope(device) || !managed(device)) continue;
    for (const policy of effectivePolicies(world.policies, labelTest(labelsById, device))) {
      const count = counts.get(policy.id)!;
      if (device.status === 'PENDING') count.pending += 1;
      else count.applied += 1;
    }
  }
  return counts;
}

/** Directly repeated elements (`<resourceDTOs>` here): one becomes a value, several an array, as with wrappers. */
function repeated(items: readonly V1Value[]): V1Value {
  return items.length === 1 ? items[0] : [...items];
}

function ruleRecord(rule: PolicyRule): V1Object {
  const record: V1Object = { type: rule.type };
  if (rule.value !== undefined) record.value = rule.value;
  if (rule.clientValue !== undefined) record.clientValue = rule.clientValue;
  if (rule.resourceDTOs?.length) record.resourceDTOs = repeated(rule.resourceDTOs.map((dto) => ({ ...dto })));
  return record;
}

function policyRecord(policy: SimPolicy, counts: { applied: number; pending: number }): V1Object {
  return {
    id: policy.id,
    policyName: policy.name,
    policyType: policy.policyType,
    profileType: policy.profileType,
    status: policy.active ? 'Active' : 'Inactive',
    active: policy.active,
    // "Deprecated": the sample shows false even for a default policy.
    defaultPolicy: false,
    description: policy.description,
    deviceCount: counts.applied,
    pendingCount: counts.pending,
    priority: policy.priority,
    rules: v1List('rule', policy.rules.map(ruleRecord)),
  };
}

function listBody(records: V1Object[]): V1Object {
  const noun = records.length === 1 ? 'policy' : 'policies';
  return v1Body(ROOT, {
    messages: v1Messages(` ${records.length} ${noun} returned.`),
    policies: v1List('policy', records),
  });
}

const common = { roles: V1_ROLES, errorBody: v1ErrorBodyFor(ROOT) };
const NOT_APPLICABLE = { applied: 0, pending: 0 };

export const epmmV1PolicyRoutes: RouteDefinition[] = [
  {
    ...common,
    method: 'GET',
    path: '/api/v1/policies',
    summary: 'Get all policies, with their rules and device counts (E43)',
    catalogueIds: ['E43'],
    response: { status: 200, contentType: 'application/json', description: LIST_DESCRIPTION },
    handle({ world, admin }) {
      if (world.policies.length === 0) throw v1Error(ROOT, 404, 'No policies found.');
      const counts = policyCounts(world, admin);
      return {
        status: 200,
        body: listBody(world.policies.map((policy) => policyRecord(policy, counts.get(policy.id) ?? NOT_APPLICABLE))),
      };
    },
  },
  {
    ...common,
    method: 'GET',
    path: '/api/v1/policies/devices/:uuid',
    summary: 'Get the policies in force on a device (E44)',
    catalogueIds: ['E44'],
    response: {
      status: 200,
      contentType: 'application/json',
      description: `${LIST_DESCRIPTION} deviceCount and pendingCount are 0 ("not applicable"). 404 for an unknown device or one without policies (retired, wiped).`,
    },
    handle({ world, admin, params }) {
      const device = visibleDevice(world, admin, params.uuid);
      const policies = devicePolicies(world, device);
      if (policies.length === 0) throw v1Error(ROOT, 404, `No policies found for device: ${params.uuid}`);
      return { status: 200, body: listBody(policies.map((policy) => policyRecord(policy, NOT_APPLICABLE))) };
    },
  },
  {
    ...common,
    method: 'PUT',
    path: '/api/v1/policies/:policyId',
    summary: 'Apply a policy to a label or remove it from one (E45)',
    catalogueIds: ['E45'],
    query: {
      action: { type: 'string', required: true, description: 'apply_label or remove_label.' },
      label: { type: 'string', required: true, maxLength: 255, description: 'Label name.' },
    },
    response: {
      status: 200,
      contentType: 'application/json',
      description:
        '`messages.message`: "Policy applied to label <name> successfully." (removal: "Policy removed from label <name> successfully."). 404 for an unknown policy or label.',
    },
    handle({ world, rawQuery, params }) {
      const action = v1RequiredText(rawQuery, 'action').trim().toLowerCase();
      if (action !== 'apply_label' && action !== 'remove_label')
        throw new ParamError('action', 'action: must be apply_label or remove_label.');
      const labelName = v1RequiredText(rawQuery, 'label', 255);
      const policy = /^-?\d{1,18}$/.test(params.policyId)
        ? world.policies.find((candidate) => candidate.id === Number(params.policyId))
        : undefined;
      if (!policy) throw v1Error(ROOT, 404, `No policy found with id: ${params.policyId}`);
      const label = world.labels.find((candidate) => candidate.name.toLowerCase() === labelName.toLowerCase());
      if (!label) throw v1Error(ROOT, 404, `No label found with name: ${labelName}`);
      if (action === 'apply_label') policy.labelIds.add(label.id);
      else policy.labelIds.delete(label.id);
      const text =
        action === 'apply_label'
          ? `Policy applied to label ${label.name} successfully.`
          : `Policy removed from label ${label.name} successfully.`;
      return { status: 200, body: v1Body(ROOT, { messages: v1Messages(text) }) };
    },
  },
];

/** The device if the admin may see it; otherwise a 404 in this service's envelope, as for an unknown device. */
function visibleDevice(world: World, admin: SimAdmin, uuid: string): SimDevice {
  const device = world.devicesByUuid.get(uuid.trim().toLowerCase());
  if (!device || !v1Scope(world, admin)(device)) throw v1Error(ROOT, 404, `No device found with uuid: ${uuid}`);
  return device;
}
