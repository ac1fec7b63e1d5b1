// Screen 4: the alert inbox. Event Center alerts, newest first, unread only or all, paged; tick alerts and mark them
// read with the comment EPMM keeps on each (markAlertsRead requires one). While it is open the inbox follows
// `alertRaised` (live.ts): a new alert appears at the top of the first page, an alert marked read or unread elsewhere
// changes its row, and events lost on the way (MISSED) make the first page be read again. Leaving the screen closes
// the stream.
import type { Client } from '@urql/core';
import { ask, change } from '../answers.js';
import { fill, h } from '../dom.js';
import type {
  PortalAlertRaisedSubscription,
  PortalInboxAlertFragment,
  PortalMarkAlertsReadMutation,
} from '../gql/graphql.js';
import { follow } from '../live.js';
import { AlertInboxQuery, AlertRaisedSubscription, MarkAlertsReadMutation } from '../operations/alerts.js';
import { href } from '../router.js';
import { badge, humanize, text, when } from './format.js';
import { CursorPager, pagerControls } from './pager.js';
import { loading, problemList } from './problems.js';

const PAGE_SIZE = 20;

type AlertEvent = PortalAlertRaisedSubscription['alertRaised'];

/** The page on screen, as read and then as the live events changed it. */
interface ShownPage {
  alerts: PortalInboxAlertFragment[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null | undefined;
  problems: string[];
}

export function alertsScreen(client: Client, signal: AbortSignal): HTMLElement {
  const pager = new CursorPager();
  const selected = new Set<string>();
  /** Alerts that arrived live, highlighted until the page is read again. */
  const arrived = new Set<string>();
  let unreadOnly = true;
  let shown: ShownPage | undefined;
  /** Events that came while a page was being read: applied to it once it is there. */
  let held: AlertEvent[] | undefined;
  /** New alerts that came while a later page was shown. */
  let waiting = 0;
  const list = h('div', { class: 'alert-list' });
  const liveState = h('div', { class: 'live-state note', 'aria-live': 'polite' });
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
    liveState,
    list,
    markForm,
  );

  function firstPage(): void {
    pager.reset();
    void load();
  }

  let latest = 0;
  async function load(): Promise<void> {
    const mine = ++latest;
    selected.clear();
    arrived.clear();
    waiting = 0;
    held = [];
    fill(list, loading('alerts'));
    const filter = unreadOnly ? { read: false } : null;
    const answer = await ask(client, AlertInboxQuery, { first: PAGE_SIZE, after: pager.after, filter });
    if (mine !== latest) return;
    const page = answer.data?.alerts;
    const events = held;
    held = undefined;
    if (!page) {
      shown = undefined;
      return fill(list, problemList(answer.problems));
    }
    shown = {
      alerts: [...page.nodes],
      totalCount: page.totalCount,
      hasNextPage: page.pageInfo.hasNextPage,
      endCursor: page.pageInfo.endCursor,
      problems: answer.problems,
    };
    for (const event of events) apply(event);
    render();
  }

  /** One live event: into the page shown, or held while a page is being read. */
  function apply(event: AlertEvent): void {
    if (held) {
      held.push(event);
      return;
    }
    if (event.kind === 'MISSED') {
      // What was lost is unknown: the first page is read again (a later page says so instead of jumping away).
      if (pager.page === 1) void load();
      else {
        waiting += 1;
        render();
      }
      return;
    }
    const alert = event.alert;
    if (!alert || !shown) return;
    const index = shown.alerts.findIndex((candidate) => candidate.id === alert.id);
    if (event.kind === 'READ_CHANGED') {
      if (index < 0) return;
      shown.alerts[index] = alert;
      if (alert.read) selected.delete(alert.id);
    } else {
      // RAISED: new on the first page (unless it is there already: the page was read after it came).
      if (index >= 0 || (unreadOnly && alert.read)) return;
      if (pager.page > 1) waiting += 1;
      else {
        shown.alerts.unshift(alert);
        shown.totalCount += 1;
        arrived.add(alert.id);
      }
    }
    render();
  }

  function render(): void {
    if (!shown) return;
    fill(
      list,
      problemList(shown.problems),
      waiting > 0 &&
        h(
          'p',
          { class: 'note waiting' },
          'New alerts arrived. ',
          h('button', { type: 'button', name: 'first-page', onclick: firstPage }, 'Show the first page'),
        ),
      alertTable(shown.alerts, selected, arrived),
      pagerControls({
        pager,
        hasNextPage: shown.hasNextPage,
        endCursor: shown.endCursor,
        summary: `${shown.totalCount} alerts`,
        onMove: () => void load(),
      }),
    );
  }

  function listen(): void {
    fill(liveState, 'Live: new alerts appear at the top as the gateway sees them.');
    follow(client, AlertRaisedSubscription, {}, signal, {
      next: ({ alertRaised }) => apply(alertRaised),
      end: (problems) =>
        fill(
          liveState,
          problemList(problems),
          'Live updates stopped. ',
          h(
            'button',
            {
              type: 'button',
              name: 'resume',
              onclick: () => {
                listen();
                firstPage();
              },
            },
            'Resume',
          ),
        ),
    });
  }

  // Listening first: an alert raised while the first page is read is then held, not lost.
  listen();
  void load();
  return screen;
}

function alertTable(
  alerts: readonly PortalInboxAlertFragment[],
  selected: Set<string>,
  arrived: ReadonlySet<string>,
): HTMLElement {
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
          {
            class: arrived.has(alert.id) ? 'alert-row arrived' : 'alert-row',
            'data-id': alert.id,
            'data-read': String(alert.read),
          },
          h(
            'td',
            {},
            h('input', {
              type: 'checkbox',
              'aria-label': 'Select alert',
              disabled: alert.read,
              checked: selected.has(alert.id),
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
