// Applying and removing static labels (V16, V17). Labels are named by their graph ids and sent by name; an
// unknown or dynamic label is a userError before anything is sent (EPMM would fail every device for it).
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import { epmmNumericKey } from '../ids.js';
import type { LabelModel } from '../models/label.js';
import { runDeviceAction, type ActionOptions } from './device-actions.js';
import type { MutationUserError } from './run-mutation.js';

export function applyLabelsToDevices(
  context: GatewayContext,
  options: ActionOptions & { labelIds: readonly string[] },
) {
  return labelAction(context, options, 'applyLabelsToDevices');
}

export function removeLabelsFromDevices(
  context: GatewayContext,
  options: ActionOptions & { labelIds: readonly string[] },
) {
  return labelAction(context, options, 'removeLabelsFromDevices');
}

function labelAction(
  context: GatewayContext,
  options: ActionOptions & { labelIds: readonly string[] },
  operation: 'applyLabelsToDevices' | 'removeLabelsFromDevices',
) {
  const { v2Devices } = context.mutations.epmm;
  // The labels' shape is the input's, checked before anything else; visibility and kind are business rules.
  if (options.labelIds.length === 0)
    throw new GatewayError('BAD_USER_INPUT', 'Name at least one label.', { field: ['input', 'labelIds'] });
  // Built-in labels have negative ids.
  const legacyIds = options.labelIds.map((id, index) => ({
    index,
    legacyId: epmmNumericKey(id, 'Label', ['input', 'labelIds', index], /^-?\d{1,15}$/),
  }));
  let labels: LabelModel[] = [];
  return runDeviceAction(context, {
    operation,
    destructive: false,
    options,
    input: { ids: options.ids, labelIds: options.labelIds },
    form: 'lists-failures',
    // The label list (reference data, cached an hour) carries each label's device count, which this changes.
    alsoInvalidates: ['reference'],
    async validate() {
      const errors: MutationUserError[] = [];
      labels = [];
      for (const { index, legacyId } of legacyIds) {
        const label = await context.loaders.labels.labelByLegacyId(legacyId);
        const field = ['input', 'labelIds', String(index)];
        if (!label) errors.push({ message: 'No such label is visible to you.', field, code: 'LABEL_NOT_FOUND' });
        else if (label.builtIn || label.static === false)
          errors.push({
            message: `'${label.name}' is a dynamic label: its devices follow its query.`,
            field,
            code: 'LABEL_NOT_STATIC',
          });
        else if (label.name.includes(','))
          errors.push({
            message: `'${label.name}' contains a comma, which EPMM's label call cannot carry.`,
            field,
            code: 'LABEL_NAME_UNSENDABLE',
          });
        else labels.push(label);
      }
      return errors;
    },
    call: (uuids) =>
      operation === 'applyLabelsToDevices'
        ? v2Devices.applyLabels(
            context.epmm,
            labels.map((label) => label.name),
            uuids,
          )
        : v2Devices.removeLabels(
            context.epmm,
            labels.map((label) => label.name),
            uuids,
          ),
  });
}
