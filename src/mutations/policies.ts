// Applying a policy to labels and removing it (EPMM v1 E45: one policy, one label by name, per call). The
// policy is checked before anything is sent (unknown or built-in: a userError); each label is an item, NOT_FOUND
// when the caller cannot see it.
import type { GatewayContext } from '../context.js';
import { epmmNumericKey } from '../ids.js';
import type { LabelModel } from '../models/label.js';
import type { PolicyModel } from '../models/policy.js';
import { outcome, type ItemOutcome } from './item-outcome.js';
import { runMutation, type MutationUserError, type Target } from './run-mutation.js';

export interface PolicyLabelsOptions {
  policyId: string;
  labelIds: readonly string[];
  note?: string | null;
  dryRun?: boolean | null;
  idempotencyKey?: string | null;
}

export function applyPolicyToLabels(context: GatewayContext, options: PolicyLabelsOptions) {
  return policyLabels(context, options, 'apply');
}

export function removePolicyFromLabels(context: GatewayContext, options: PolicyLabelsOptions) {
  return policyLabels(context, options, 'remove');
}

function policyLabels(context: GatewayContext, options: PolicyLabelsOptions, action: 'apply' | 'remove') {
  const { v1Admin } = context.mutations.epmm;
  const labelIds = labelIdsOf(options.labelIds);
  // Default policies have negative ids; another type's id is malformed input, not an unknown policy.
  const policyId = epmmNumericKey(options.policyId, 'Policy', ['input', 'policyId'], /^-?\d{1,15}$/);
  let policy: PolicyModel | null = null;
  return runMutation<LabelModel>(context, {
    operation: action === 'apply' ? 'applyPolicyToLabels' : 'removePolicyFromLabels',
    scope: 'admin',
    destructive: false,
    ids: options.labelIds,
    idsAt: { field: ['input', 'labelIds'] },
    note: options.note,
    dryRun: options.dryRun,
    idempotencyKey: options.idempotencyKey,
    input: { policyId: options.policyId, labelIds: options.labelIds },
    async validate() {
      const errors: MutationUserError[] = [];
      policy = await context.loaders.policies.policyByLegacyId(policyId);
      if (!policy)
        errors.push({
          message: 'No such policy is visible to you.',
          field: ['input', 'policyId'],
          code: 'POLICY_NOT_FOUND',
        });
      // Default policies reach every device without an enterprise policy of their type; EPMM ties no label to them.
      else if (policy.builtIn)
        errors.push({
          message: `'${policy.name}' is a default policy: it applies wherever no other ${policy.type} policy does.`,
          field: ['input', 'policyId'],
          code: 'POLICY_BUILT_IN',
        });
      return errors;
    },
    async resolve(ids) {
      const resolved = new Map<string, Target<LabelModel> | ItemOutcome>();
      for (const id of ids) {
        const label = await context.loaders.labels.labelByLegacyId(labelIds.get(id)!);
        resolved.set(
          id,
          label
            ? { id, key: label.name, value: label }
            : outcome('NOT_FOUND', 'No label with this id is visible to you.'),
        );
      }
      return resolved;
    },
    // E45 names one label per call.
    chunkSize: 1,
    async send([target]) {
      // The client accepts only EPMM's success text; a refusal has already thrown.
      await v1Admin.setPolicyLabel(context.epmm, policy!.legacyId, target.key, action);
      const done =
        action === 'apply'
          ? `EPMM applied '${policy!.name}' to the label.`
          : `EPMM removed '${policy!.name}' from the label.`;
      return new Map([[target.id, outcome('SUCCEEDED', done)]]);
    },
    // The policy list's device counts (reference data) and every device's policies (E44, device class) move.
    invalidates: { upstream: 'epmm', resources: ['reference', 'device'] },
  });
}

function labelIdsOf(ids: readonly string[]): Map<string, number> {
  // Built-in labels have negative ids.
  return new Map(
    ids.map((id, index) => [id, epmmNumericKey(id, 'Label', ['input', 'labelIds', index], /^-?\d{1,15}$/)]),
  );
}
