// Screen 1: the fleet list. Filters, a page of devices, paging forwards and back, and the device actions on the
// devices ticked. Its state (filters, the page reached) outlives the screen, so coming back from a device page
// shows the same page.
import type { Client } from '@urql/core';
import { ask } from '../answers.js';
import { fill, h } from '../dom.js';
import type { PortalFleetPageQuery } from '../gql/graphql.js';
import { FleetPageQuery } from '../operations/fleet.js';
import { href } from '../router.js';
import { actionPanel } from './action-panel.js';
import { filterForm, fleetQuery, NO_FILTERS, type FleetFilters } from './fleet-filters.js';
import { badge, complianceBadge, platformName, text, when } from './format.js';
import { CursorPager, pagerControls } from './pager.js';
import { loading, problemList } from './problems.js';

const PAGE_SIZE = 20;

export interface FleetState {
  filters: FleetFilters;
  pager: CursorPager;
}

export function newFleetState(): FleetState {
  return { filters: NO_FILTERS, pager: new CursorPager() };
}

type FleetDevice = NonNullable<PortalFleetPageQuery['devices']>['nodes'][number];

/** `signal` aborts when the screen is left: the action panel stops following its action. */
export function fleetScreen(client: Client, state: FleetState, signal: AbortSignal): HTMLElement {
  const selected = new Set<string>();
  const list = h('div', { class: 'fleet-list' });
  const actions = actionPanel(client, { targets: () => [...selected], onChanged: () => void load(), signal });
  const screen = h(
    'section',
    { class: 'screen fleet' },
    h('h1', {}, 'Fleet'),
    filterForm(state.filters, (filters) => {
      state.filters = filters;
      state.pager.reset();
      void load();
    }),
    list,
    h('h2', {}, 'Act on the selected devices'),
    actions,
  );

  // Only the latest load fills the list: a slow earlier page must not overwrite the one asked for after it.
  let latest = 0;
  async function load(): Promise<void> {
    const mine = ++latest;
    selected.clear();
    fill(list, loading('devices'));
    const { filter, source, narrowed } = fleetQuery(state.filters);
    const answer = await ask(client, FleetPageQuery, { first: PAGE_SIZE, after: state.pager.after, filter, source });
    if (mine !== latest) return;
    const page = answer.data?.devices;
    fill(
      list,
      narrowed && h('p', { class: 'note' }, narrowed),
      problemList(answer.problems),
      page && deviceTable(page.nodes, selected),
      page &&
        pagerControls({
          pager: state.pager,
          hasNextPage: page.pageInfo.hasNextPage,
          endCursor: page.pageInfo.endCursor,
          summary: `${page.totalCountIsEstimate ? 'about ' : ''}${page.totalCount} devices`,
          onMove: () => void load(),
        }),
    );
  }

  void load();
  return screen;
}

function deviceTable(devices: readonly FleetDevice[], selected: Set<string>): HTMLElement {
  if (devices.length === 0) return h('p', { class: 'empty' }, 'No device matches these filters.');
  const header = ['', 'Device', 'Platform', 'Status', 'Compliance', 'User', 'Last check-in'];
  return h(
    'table',
    { class: 'devices' },
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
      devices.map((device) =>
        h(
          'tr',
          { class: 'device-row', 'data-id': device.id },
          h(
            'td',
            {},
            h('input', {
              type: 'checkbox',
              'aria-label': `Select ${device.displayName}`,
              onchange: (event) => {
                if ((event.target as HTMLInputElement).checked) selected.add(device.id);
                else selected.delete(device.id);
              },
            }),
          ),
          h('td', {}, h('a', { href: href({ screen: 'device', id: device.id }) }, device.displayName)),
          h('td', {}, `${platformName(device.platform)} ${device.osVersion ?? ''}`.trim()),
          h('td', {}, badge(device.status)),
          h('td', {}, complianceBadge(device.compliant)),
          h('td', {}, text(device.user?.displayName ?? device.user?.principal)),
          h('td', {}, when(device.lastCheckInAt)),
        ),
      ),
    ),
  );
}
