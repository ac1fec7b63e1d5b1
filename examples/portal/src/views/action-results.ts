// A device action's answer: one row per requested device (its outcome, the MDM's words, the device's status after
// the action), whether it was a dry run or a replay, and any input errors. A followed action (a real lock or unlock)
// has a Progress column as well, which action-progress.ts keeps current.
import { h } from '../dom.js';
import type { PortalActionPayloadFragment } from '../gql/graphql.js';
import { href } from '../router.js';
import { badge } from './format.js';

export function actionResults(payload: PortalActionPayloadFragment, followed: boolean): HTMLElement {
  const notes = [
    payload.dryRun && 'Dry run: nothing was changed. DRY_RUN means the action would be sent for that device.',
    payload.replayed &&
      'Replayed: the gateway answered an earlier request with the same idempotency key; nothing was sent again.',
    payload.auditId && `Audit record ${payload.auditId}.`,
    followed && 'Progress shows live until the MDM shows each device done.',
  ];
  const titles = ['Device', 'Result', followed && 'Progress', 'Status now', 'Message'];
  return h(
    'section',
    { class: 'action-results', 'data-dry-run': String(payload.dryRun) },
    notes.map((note) => note && h('p', { class: 'note' }, note)),
    payload.userErrors.length > 0 &&
      h(
        'ul',
        { class: 'problems', role: 'alert' },
        payload.userErrors.map((error) =>
          h('li', {}, `${error.message} (${error.code}${error.field ? ` at ${error.field.join('.')}` : ''})`),
        ),
      ),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          titles.map((title) => title && h('th', {}, title)),
        ),
      ),
      h(
        'tbody',
        {},
        payload.results.map((result) =>
          h(
            'tr',
            { class: 'action-result', 'data-id': result.id },
            h(
              'td',
              {},
              h('a', { href: href({ screen: 'device', id: result.id }) }, result.device?.displayName ?? result.id),
            ),
            h('td', { class: 'result' }, badge(result.status)),
            followed && h('td', { class: 'progress' }, h('span', { class: 'loading' }, 'Following…')),
            h('td', { class: 'status-now' }, result.device ? badge(result.device.status) : '—'),
            h('td', {}, result.message),
          ),
        ),
      ),
    ),
    followed && h('div', { class: 'note live-state', 'aria-live': 'polite' }),
  );
}
