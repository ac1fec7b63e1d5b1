// The signed-in portal: the header with its navigation, and the screen of the current hash route.
import type { Client } from '@urql/core';
import { fill, h } from './dom.js';
import { href, parseRoute, type Route } from './router.js';
import type { Viewer } from './sign-in.js';
import { alertsScreen } from './views/alerts.js';
import { deviceScreen } from './views/device.js';
import { fleetScreen, newFleetState } from './views/fleet.js';

export function startApp(root: HTMLElement, client: Client, viewer: Viewer): void {
  const fleet = newFleetState();
  const main = h('main', { class: 'page' });
  const link = (route: Route, label: string) => h('a', { href: href(route), 'data-screen': route.screen }, label);
  const nav = h(
    'nav',
    { class: 'tabs' },
    link({ screen: 'fleet' }, 'Fleet'),
    link({ screen: 'alerts' }, 'Alert inbox'),
  );
  const space = viewer.activeDeviceSpace ? ` · ${viewer.activeDeviceSpace.name}` : '';
  fill(
    root,
    h(
      'header',
      {},
      h('strong', { class: 'brand' }, 'MDM portal'),
      nav,
      h('span', { class: 'viewer' }, viewer.name, space),
    ),
    main,
  );

  // Each screen lives until the route changes: its signal then aborts, which closes its live subscriptions.
  let leaving = new AbortController();
  const show = () => {
    const route = parseRoute(location.hash);
    for (const tab of nav.querySelectorAll('a'))
      tab.toggleAttribute('aria-current', tab.dataset.screen === (route.screen === 'device' ? 'fleet' : route.screen));
    leaving.abort();
    leaving = new AbortController();
    fill(main, screenOf(route, leaving.signal));
    window.scrollTo(0, 0);
  };
  const screenOf = (route: Route, signal: AbortSignal): HTMLElement => {
    switch (route.screen) {
      case 'device':
        return deviceScreen(client, route.id, signal);
      case 'alerts':
        return alertsScreen(client, signal);
      case 'fleet':
        return fleetScreen(client, fleet, signal);
    }
  };
  window.addEventListener('hashchange', show);
  show();
}
