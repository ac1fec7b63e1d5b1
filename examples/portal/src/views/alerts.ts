// Screen 4: the alert inbox. Event Center alerts, newest first, unread only or all, paged; tick alerts and mark them
// read with the comment EPMM keeps on each (markAlertsRead requires one).
import type { Client } from '@urql/core';
import { ask, change } from '../answers.js';
import { fill, h } from '../dom.js';
import type { PortalAlertInboxQuery, PortalMarkAlertsReadMutation } from '../gql/graphql.js';
import { AlertInboxQuery, MarkAlertsReadMutation } from '../operations/alerts.js';
import { href } from '../router.js';
import { badge, humanize, text, when } from './format.js';
import { CursorPager, pagerControls } from './pager.js';
import { loading, problemList } from './problems.js';

const PAGE_SIZE = 20;

type InboxAlert = NonNullable<PortalAlertInboxQuery['alerts']>['nodes'][number];

export function alertsScreen(client: Client): HTMLElement {
  const pager = new CursorPager();
  const selected = new Set<string>();
  let unreadOnly = true;
  const list = h('div', { class: 'alert-list' });
  const outcome = h('div', { class: 'action-output', 'aria-live': 'polite' });
  const markForm = h(
    'form',
    { class: 'mark-read' },
    h('label', {}, 'Comment (kept by EPMM)', h('input', { name: 'comments', required: true, maxlength: 255 })),
    h('button', { type: 'submit', class: 'primary' }, 'Mark selected read'),
    outcome,
  );
  markForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ids = [...selected];
    if (ids.length === 0) return fill(outcome, problemList(['Select at least one alert.']));
    const comments = String(new FormData(markForm).get('comments') ?? '').trim();
    const answer = await change(client, MarkAlertsReadMutation, { input: { ids, comments } });
    const payload = answer.data?.markAlertsRead;
    fill(outcome, problemList(answer.problems), payload && markResults(payload));
    if (payload) void load();
  });
  const screen = h(
    'section',
    { class: 'screen alerts' },
    h('h1', {}, 'Alert inbox'),
    h(
      'label',
      { class: 'toggle' },
      h('input', {
        type: 'checkbox',
        name: 'unread-only',
        checked: unreadOnly,
        onchange: (event) => {
          unreadOnly = (event.target as HTMLInputElement).checked;
          pager.reset();
          void load();
        },
      }),
      ' Unread only',
    ),
    list,
    markForm,
  );

  let latest = 0;
  async function load(): Promise<void> {
    const mine = ++latest;
    selected.clear();
    fill(list, loading('alerts'));
    const filter = unreadOnly ? { read: false } : null;
    const answer = await ask(client, AlertInboxQuery, { first: PAGE_SIZE, after: pager.after, filter });
    if (mine !== latest) return;
    const page = answer.data?.alerts;
    fill(
      list,
      problemList(answer.problems),
      page && alertTable(page.nodes, selected),
      page &&
        pagerControls({
          pager,
          hasNextPage: page.pageInfo.hasNextPage,
          endCursor: page.pageInfo.endCursor,
          summary: `${page.totalCount} alerts`,
          onMove: () => void load(),
        }),
    );
  }

  void load();
  return screen;
}

function alertTable(alerts: readonly InboxAlert[], selected: Set<string>): HTMLElement {
  if (alerts.length === 0) return h('p', { class: 'empty' }, 'No alerts.');
  const header = ['', 'Raised', 'Severity', 'Kind', 'Message', 'Device', 'Recipient', 'Read'];
  return h(
    'table',
    { class: 'alerts' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        header.map((title) => h('th', {}, title)),
      ),
    ),
    h(
      'tbody',
      {},
      alerts.map((alert) =>
        h(
          'tr',
          { class: 'alert-row', 'data-id': alert.id, 'data-read': String(alert.read) },
          h(
            'td',
            {},
            h('input', {
              type: 'checkbox',
              'aria-label': 'Select alert',
              disabled: alert.read,
              onchange: (event) => {
                if ((event.target as HTMLInputElement).checked) selected.add(alert.id);
                else selected.delete(alert.id);
              },
            }),
          ),
          h('td', {}, when(alert.createdAt)),
          h('td', {}, badge(alert.severity)),
          h('td', {}, humanize(alert.type)),
          h('td', {}, alert.message),
          h(
            'td',
            {},
            alert.device
              ? h('a', { href: href({ screen: 'device', id: alert.device.id }) }, alert.device.displayName)
              : '—',
          ),
          h('td', {}, text(alert.user?.displayName ?? alert.user?.principal)),
          h('td', {}, alert.read ? 'yes' : 'no'),
        ),
      ),
    ),
  );
}

function markResults(payload: PortalMarkAlertsReadMutation['markAlertsRead']): HTMLElement {
  return h(
    'ul',
    { class: 'mark-results' },
    payload.userErrors.map((error) => h('li', { class: 'problem' }, `${error.message} (${error.code})`)),
    payload.results.map((result) => h('li', { 'data-id': result.id }, badge(result.status), ' ', result.message)),
  );
}
