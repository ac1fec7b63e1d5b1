// Neurons for MDM group management on the shared pipeline (catalogue NG01, NG04-NG09, NG14). Every change
// needs the `admin` scope; deleting a group also `destructive`. Without Neurons every one is
// NOT_SUPPORTED_BY_SOURCE before anything else happens.
import type { GatewayContext } from '../context.js';
import { GatewayError } from '../errors.js';
import { notSupported } from '../loaders/groups.js';
import type { GroupModel } from '../models/group.js';
import { neuronsDeviceGroupToModel } from '../models/neurons-group.js';
import type { NeuronsClient } from '../upstream/neurons/client.js';
import type { FqExpression } from '../upstream/neurons/fq.js';
import { readDeleteViability } from './group-delete-viability.js';
import { compileGroupRule, type GroupRule } from './group-rule.js';
import { loadDeviceGroup, resolveNeuronsDevices, resolveUserGroups } from './group-targets.js';
import { outcome, type ItemOutcome } from './item-outcome.js';
import { runMutation, type MutationResult, type MutationUserError, type Target } from './run-mutation.js';
import type { UpstreamCaller } from '../upstream/caller.js';

interface Options {
  dryRun?: boolean | null;
  idempotencyKey?: string | null;
}

/**
 * The one item of a creation. `send` records the new group's id on it, so the result carries it, and so does
 * the result an idempotent retry replays (the group is then read back the same way).
 */
interface NewGroup {
  name: string;
  partitionId: number | null;
  createdId: number | null;
}

/** What a creation adds to the usual result: the group read back after the change. */
export type CreatedGroup = MutationResult<NewGroup> & { group: GroupModel | null };
export type MembershipChange = MutationResult & { group: GroupModel | null };

const NAME_MAX = 255;

export function neuronsFor(context: GatewayContext, what: string): { client: NeuronsClient; caller: UpstreamCaller } {
  const client = context.mutations.neurons;
  if (!client || !context.neurons) throw notSupported(what);
  return { client, caller: context.neurons };
}

function checkName(name: string): MutationUserError[] {
  const field = ['input', 'name'];
  if (name.trim() === '') return [{ message: 'Name the group.', field, code: 'NAME_REQUIRED' }];
  return name.length > NAME_MAX
    ? [{ message: `The name must be at most ${NAME_MAX} characters.`, field, code: 'NAME_TOO_LONG' }]
    : [];
}

/**
 * The creation's one item: its name, SKIPPED when taken. Decided in `resolve`, not `validate`: the pipeline
 * validates before it looks up the idempotency key, and a retry of a creation that succeeded must replay, not
 * find its own group in the way.
 */
function nameItem(
  name: string,
  partitionId: number | null,
  existing: readonly GroupModel[],
): Map<string, Target<NewGroup> | ItemOutcome> {
  const taken = existing.some((group) => group.name.trim().toLowerCase() === name.trim().toLowerCase());
  const item = { id: name, key: name, value: { name, partitionId, createdId: null } };
  return new Map([[name, taken ? outcome('SKIPPED', `A group named '${name}' already exists.`) : item]]);
}

const createdIdOf = (result: MutationResult<NewGroup>): number | null => result.results[0]?.target?.createdId ?? null;

function compile(rule: GroupRule | null | undefined, errors: MutationUserError[]): FqExpression | undefined {
  if (!rule) return undefined;
  const compiled = compileGroupRule(rule);
  errors.push(...compiled.userErrors);
  return compiled.expression ?? undefined;
}

export async function createUserGroup(
  context: GatewayContext,
  input: Options & { name: string; rule?: GroupRule | null },
): Promise<CreatedGroup> {
  const { client, caller } = neuronsFor(context, 'createUserGroup');
  let definition: FqExpression | undefined;
  const result = await runMutation<NewGroup>(context, {
    operation: 'createUserGroup',
    scope: 'admin',
    destructive: false,
    ids: [input.name],
    dryRun: input.dryRun,
    idempotencyKey: input.idempotencyKey,
    input: { name: input.name, rule: input.rule ?? null },
    async validate() {
      const errors: MutationUserError[] = [];
      definition = compile(input.rule, errors);
      return [...checkName(input.name), ...errors];
    },
    resolve: async () => nameItem(input.name, null, await context.loaders.groups.userGroups()),
    async send([target]) {
      const { id } = await client.createUserGroup(caller, { name: input.name, definition });
      target.value.createdId = id;
      return new Map([[target.id, outcome('SUCCEEDED', `Created user group ${id}.`)]]);
    },
    // A rule changes accounts' ACCOUNTGROUP, which device-group rules and device facets read.
    invalidates: { upstream: 'neurons', resources: input.rule ? ['spaces', 'device'] : ['spaces'] },
  });
  const id = createdIdOf(result);
  const group =
    id === null
      ? null
      : ((await context.loaders.groups.userGroups()).find((candidate) => candidate.legacyId === id) ?? null);
  return { ...result, group };
}

export async function setUserGroupAccounts(
  context: GatewayContext,
  input: Options & { ids: readonly string[]; accountIds: readonly number[]; mode?: 'APPEND' | 'REPLACE' | null },
): Promise<MutationResult> {
  const { client, caller } = neuronsFor(context, 'setUserGroupAccounts');
  const append = input.mode !== 'REPLACE';
  // The accounts' shape is the input's (BAD_USER_INPUT); which groups take them is per item.
  const accountsField = ['input', 'accountIds'];
  if (input.accountIds.length === 0)
    throw new GatewayError('BAD_USER_INPUT', 'Name at least one account.', { field: accountsField });
  const bad = input.accountIds.findIndex((id) => !Number.isSafeInteger(id) || id < 1);
  if (bad >= 0)
    throw new GatewayError('BAD_USER_INPUT', `${input.accountIds[bad]} is not a Neurons account id.`, {
      field: [...accountsField, bad],
    });
  const accountIds = [...new Set(input.accountIds)];
  return runMutation<GroupModel>(context, {
    operation: 'setUserGroupAccounts',
    scope: 'admin',
    destructive: false,
    ids: input.ids,
    idsAt: { type: 'Group', field: ['input', 'ids'] },
    dryRun: input.dryRun,
    idempotencyKey: input.idempotencyKey,
    input: { ids: input.ids, accountIds, mode: append ? 'APPEND' : 'REPLACE' },
    async resolve(ids) {
      const resolved = await resolveUserGroups(
        context,
        ids,
        outcome('SKIPPED', 'A device group holds devices, not accounts (see addDevicesToGroup).'),
      );
      for (const [id, item] of resolved) {
        if (!('status' in item) && !item.value.static)
          resolved.set(id, outcome('SKIPPED', `'${item.value.name}' is rule-defined: its members follow its rule.`));
      }
      return resolved;
    },
    // APPEND: one NG07 call adds the accounts to every group. REPLACE: NG08 per group, because NG07's replace
    // is account-centric (it would take the accounts out of every other group).
    chunkSize: append ? undefined : 1,
    async send(targets) {
      const groupIds = targets.map((target) => target.value.legacyId);
      const done = append
        ? await client.assignAccounts(caller, { accountIds, groupIds, append: true })
        : await client.setGroupAccounts(caller, groupIds[0], { accountIds, append: false });
      const answer = done
        ? outcome(
            'SUCCEEDED',
            append
              ? `Added ${accountIds.length} account(s).`
              : `The group's members are now these ${accountIds.length} account(s).`,
          )
        : outcome('FAILED', 'Neurons answered that the accounts were not assigned.');
      return new Map(targets.map((target) => [target.id, answer]));
    },
    invalidates: { upstream: 'neurons', resources: ['spaces', 'device'] },
  });
}

export async function deleteUserGroup(
  context: GatewayContext,
  input: Options & { ids: readonly string[]; note: string },
): Promise<MutationResult> {
  const { client, caller } = neuronsFor(context, 'deleteUserGroup');
  return runMutation<GroupModel>(context, {
    operation: 'deleteUserGroup',
    // Group management: `admin`; being destructive, the pipeline also requires `destructive`.
    scope: 'admin',
    destructive: true,
    ids: input.ids,
    idsAt: { type: 'Group', field: ['input', 'ids'] },
    note: input.note,
    dryRun: input.dryRun,
    idempotencyKey: input.idempotencyKey,
    input: { ids: input.ids },
    async resolve(ids) {
      const resolved = await resolveUserGroups(
        context,
        ids,
        outcome('NOT_SUPPORTED', 'Neurons documents no call that deletes a device group.'),
      );
      const targets = [...resolved.values()].filter((item): item is Target<GroupModel> => !('status' in item));
      // NG04 first, as the document advises: a group Neurons would refuse is reported with its reason, not sent.
      const viability = await readDeleteViability(
        { client, caller },
        targets.map((target) => target.value.legacyId),
      );
      for (const target of targets) {
        const verdict = viability.get(target.value.legacyId);
        if (verdict && !verdict.deletable)
          resolved.set(
            target.id,
            outcome('SKIPPED', `Neurons cannot delete '${target.value.name}': ${verdict.reason}`),
          );
      }
      return resolved;
    },
    chunkSize: 1,
    async send(targets) {
      const deleted = await client.deleteUserGroup(caller, targets[0].value.legacyId);
      const answer =
        deleted >= 1
          ? outcome('SUCCEEDED', 'Deleted.')
          : outcome('FAILED', 'Neurons answered that it deleted no group.');
      return new Map([[targets[0].id, answer]]);
    },
    invalidates: { upstream: 'neurons', resources: ['spaces', 'device'] },
  });
}

export async function createDeviceGroup(
  context: GatewayContext,
  input: Options & { name: string; description?: string | null; partitionId?: number | null; rule?: GroupRule | null },
): Promise<CreatedGroup> {
  const { client, caller } = neuronsFor(context, 'createDeviceGroup');
  let definition: FqExpression | undefined;
  let partitionId = input.partitionId ?? null;
  const result = await runMutation<NewGroup>(context, {
    operation: 'createDeviceGroup',
    scope: 'admin',
    destructive: false,
    ids: [input.name],
    dryRun: input.dryRun,
    idempotencyKey: input.idempotencyKey,
    input: {
      name: input.name,
      description: input.description ?? null,
      partitionId: input.partitionId ?? null,
      rule: input.rule ?? null,
    },
    async validate() {
      const errors: MutationUserError[] = [];
      definition = compile(input.rule, errors);
      const partitions = await context.loaders.groups.partitions();
      partitionId ??= partitions.active;
      if (!partitions.all.includes(partitionId)) {
        return [
          ...errors,
          {
            message: `No Neurons partition ${partitionId} is visible to you.`,
            field: ['input', 'partitionId'],
            code: 'PARTITION_NOT_FOUND',
          },
        ];
      }
      return [...checkName(input.name), ...errors];
    },
    // NG10 lists a partition's first 50 groups only: a name beyond them is caught by Neurons (FAILED).
    async resolve() {
      // `validate` has settled the partition by now (it runs first, and nothing is resolved when it fails).
      const dmPartitionId = partitionId ?? (await context.loaders.groups.partitions()).active;
      return nameItem(input.name, dmPartitionId, await context.loaders.groups.deviceGroups(dmPartitionId));
    },
    async send([target]) {
      const dmPartitionId = target.value.partitionId!;
      const { id } = await client.createDeviceGroup(caller, {
        name: input.name,
        dmPartitionId,
        description: input.description ?? undefined,
        definition,
      });
      target.value.createdId = id;
      return new Map([[target.id, outcome('SUCCEEDED', `Created device group ${id} in partition ${dmPartitionId}.`)]]);
    },
    // A rule group changes the groups every matching device lists.
    invalidates: { upstream: 'neurons', resources: input.rule ? ['spaces', 'device'] : ['spaces'] },
  });
  const created = result.results[0]?.target;
  const group =
    created?.createdId != null && created.partitionId !== null
      ? await context.loaders.groups.deviceGroup(created.partitionId, created.createdId)
      : null;
  return { ...result, group };
}

export function addDevicesToGroup(
  context: GatewayContext,
  input: Options & { groupId: string; ids: readonly string[] },
): Promise<MembershipChange> {
  return changeStaticMembers(context, input, 'addDevicesToGroup');
}

export function removeDevicesFromGroup(
  context: GatewayContext,
  input: Options & { groupId: string; ids: readonly string[] },
): Promise<MembershipChange> {
  return changeStaticMembers(context, input, 'removeDevicesFromGroup');
}

async function changeStaticMembers(
  context: GatewayContext,
  input: Options & { groupId: string; ids: readonly string[] },
  operation: 'addDevicesToGroup' | 'removeDevicesFromGroup',
): Promise<MembershipChange> {
  const { client, caller } = neuronsFor(context, operation);
  const adding = operation === 'addDevicesToGroup';
  // Read by `validate`, used by `resolve` and `send` (a holder: closures' assignments are invisible to narrowing).
  const state: { group: GroupModel | null } = { group: null };
  const result = await runMutation<number>(context, {
    operation,
    scope: 'admin',
    destructive: false,
    ids: input.ids,
    idsAt: { type: 'Device', field: ['input', 'ids'] },
    dryRun: input.dryRun,
    idempotencyKey: input.idempotencyKey,
    input: { groupId: input.groupId, ids: input.ids },
    async validate() {
      const group = (state.group = await loadDeviceGroup(context, input.groupId));
      const field = ['input', 'groupId'];
      if (!group) return [{ message: 'No such device group is visible to you.', field, code: 'GROUP_NOT_FOUND' }];
      if (!group.static)
        return [
          { message: `'${group.name}' is rule-defined: its devices follow its rule.`, field, code: 'GROUP_NOT_STATIC' },
        ];
      return [];
    },
    async resolve(ids) {
      const target = state.group!;
      const known = target.membership.kind === 'static' ? target.membership.deviceIds : [];
      const resolved = await resolveNeuronsDevices(context, target.partitionId!, ids);
      const members = target.membership.kind === 'static' ? new Set(known) : null;
      for (const [id, item] of resolved) {
        if ('status' in item || !members) continue;
        if (adding && members.has(item.value))
          resolved.set(id, outcome('SKIPPED', 'Already a static member of the group.'));
        if (!adding && !members.has(item.value))
          resolved.set(id, outcome('SKIPPED', 'Not a static member of the group.'));
      }
      return resolved;
    },
    async send(targets) {
      const target = state.group!;
      const deviceIds = targets.map((item) => item.value);
      if (adding) {
        // NG14 replaces the whole member list: read it fresh (not from the cache) right before, so members
        // added elsewhere since are kept. The window between the read and the write is Neurons' API's, not ours.
        const current = await currentStaticMembers(client, caller, target);
        await client.setStaticMembers(caller, target.legacyId, [...new Set([...current, ...deviceIds])]);
      } else {
        await client.removeStaticMembers(caller, target.legacyId, deviceIds);
      }
      const answer = outcome('SUCCEEDED', adding ? `Added to '${target.name}'.` : `Removed from '${target.name}'.`);
      return new Map(targets.map((item) => [item.id, answer]));
    },
    invalidates: { upstream: 'neurons', resources: ['spaces', 'device'] },
  });
  const changed = state.group;
  const after =
    changed === null ? null : await context.loaders.groups.deviceGroup(changed.partitionId!, changed.legacyId);
  return { ...result, group: after };
}

async function currentStaticMembers(
  client: NeuronsClient,
  caller: UpstreamCaller,
  group: GroupModel,
): Promise<number[]> {
  const fresh = neuronsDeviceGroupToModel(
    await client.getDeviceGroup(caller, group.legacyId, group.partitionId!, {
      memberCount: false,
      assignedPoliciesAndConfigs: false,
    }),
    false,
  );
  if (fresh.membership.kind !== 'static') {
    throw new GatewayError(
      'UPSTREAM_ERROR',
      'Neurons did not list the static members of the group; nothing was sent, so that none is dropped.',
    );
  }
  return fresh.membership.deviceIds;
}
