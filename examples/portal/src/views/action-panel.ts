// Lock or unlock devices or send them a message, as a dry run first if wished. A real run carries an idempotency key
// chosen once per intent: when its answer is lost (a network failure), "Run" again resends the same key, so the
// gateway replays the first outcome instead of acting twice (docs/mutations.md). A real lock or unlock is then
// followed live (action-progress.ts) until every device is settled; a message has nothing to follow.
import type { Client } from '@urql/core';
import { change } from '../answers.js';
import { h, fill } from '../dom.js';
import type { MessageMode, PortalActionPayloadFragment } from '../gql/graphql.js';
import { LockDevicesMutation, SendMessageMutation, UnlockDevicesMutation } from '../operations/device-actions.js';
import { followAction } from './action-progress.js';
import { actionResults } from './action-results.js';
import { problemList } from './problems.js';

export interface ActionPanelOptions {
  /** The devices to act on, by global id, read when a button is pressed. */
  targets(): readonly string[];
  /**
   * After a run that was not a dry run, once it has settled (a followed action: when its stream ends; a message:
   * at once): the screen reads the devices again.
   */
  onChanged(): void;
  /** Aborts when the screen is left: an action being followed is no longer. */
  signal: AbortSignal;
}

type Action = 'LOCK' | 'UNLOCK' | 'MESSAGE';

/** The actions whose effect the MDM shows on the device, so `actionProgress` can follow them. */
const FOLLOWED: ReadonlySet<Action> = new Set(['LOCK', 'UNLOCK']);

export function actionPanel(client: Client, { targets, onChanged, signal }: ActionPanelOptions): HTMLElement {
  const results = h('div', { class: 'action-output', 'aria-live': 'polite' });
  const messageFields = h(
    'fieldset',
    { class: 'message-fields', hidden: true },
    h('legend', {}, 'Message'),
    h('label', {}, 'Text', h('textarea', { name: 'text', rows: 2 })),
    h(
      'label',
      {},
      'Send as',
      h(
        'select',
        { name: 'mode' },
        h('option', { value: 'PUSH' }, 'Push notification'),
        h('option', { value: 'SMS' }, 'SMS'),
        h('option', { value: 'EMAIL' }, 'E-mail'),
      ),
    ),
    h('label', {}, 'Subject (e-mail)', h('input', { name: 'subject' })),
  );
  const form = h(
    'form',
    { class: 'action-panel' },
    h(
      'label',
      {},
      'Action',
      h(
        'select',
        { name: 'action', onchange: () => (messageFields.hidden = value('action') !== 'MESSAGE') },
        h('option', { value: 'LOCK' }, 'Lock'),
        h('option', { value: 'UNLOCK' }, 'Unlock'),
        h('option', { value: 'MESSAGE' }, 'Send a message'),
      ),
    ),
    messageFields,
    h('label', {}, 'Note (audit trail)', h('input', { name: 'note', maxlength: 200 })),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit', name: 'dry-run', value: 'dry-run' }, 'Dry run'),
      h('button', { type: 'submit', name: 'run', value: 'run', class: 'primary' }, 'Run'),
    ),
    results,
  );
  function value(name: string): string {
    return String(new FormData(form).get(name) ?? '');
  }
  let pendingKey: string | undefined;
  // The run being followed: a new run, or leaving the screen, stops following it.
  let following = new AbortController();
  signal.addEventListener('abort', () => following.abort());
  // Choosing another action or editing the form is a new intent: its run gets a new key.
  form.addEventListener('input', () => (pendingKey = undefined));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ids = [...targets()];
    if (ids.length === 0) return fill(results, problemList(['Select at least one device.']));
    const dryRun = (event as SubmitEvent).submitter?.getAttribute('name') === 'dry-run';
    const idempotencyKey = dryRun ? undefined : (pendingKey ??= crypto.randomUUID());
    const common = { ids, note: value('note').trim() || undefined, dryRun, idempotencyKey };
    following.abort();
    following = new AbortController();
    const action = value('action') as Action;
    fill(results, h('p', { class: 'loading' }, dryRun ? 'Checking…' : 'Sending…'));
    const answer = await run(client, action, common, {
      text: value('text'),
      mode: value('mode') as MessageMode,
      subject: value('subject').trim() || undefined,
    });
    if (!answer.lost) pendingKey = undefined;
    const payload = answer.payload;
    const auditId = payload && !payload.dryRun && FOLLOWED.has(action) ? payload.auditId : null;
    const table = payload && actionResults(payload, Boolean(auditId));
    fill(results, problemList(answer.problems), table);
    if (!payload || payload.dryRun || signal.aborted) return;
    if (auditId && table) followAction(client, auditId, table, following.signal, onChanged);
    else onChanged();
  });
  return form;
}

interface CommonInput {
  ids: string[];
  note: string | undefined;
  dryRun: boolean;
  idempotencyKey: string | undefined;
}

async function run(
  client: Client,
  action: Action,
  input: CommonInput,
  message: { text: string; mode: MessageMode; subject: string | undefined },
): Promise<{ payload: PortalActionPayloadFragment | undefined; problems: string[]; lost: boolean }> {
  if (action === 'LOCK') {
    const answer = await change(client, LockDevicesMutation, { input });
    return { ...answer, payload: answer.data?.lockDevices };
  }
  if (action === 'UNLOCK') {
    const answer = await change(client, UnlockDevicesMutation, { input });
    return { ...answer, payload: answer.data?.unlockDevices };
  }
  const answer = await change(client, SendMessageMutation, { input: { ...input, message } });
  return { ...answer, payload: answer.data?.sendMessageToDevices };
}
