// Hash routes, so the gateway serves one page at /portal/ and the browser's back button moves between screens.
export type Route = { screen: 'fleet' } | { screen: 'device'; id: string } | { screen: 'alerts' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const device = /^\/devices\/(.+)$/.exec(path);
  if (device) return { screen: 'device', id: decodeURIComponent(device[1]) };
  if (path === '/alerts') return { screen: 'alerts' };
  return { screen: 'fleet' };
}

export function href(route: Route): string {
  switch (route.screen) {
    case 'device':
      return `#/devices/${encodeURIComponent(route.id)}`;
    case 'alerts':
      return '#/alerts';
    case 'fleet':
      return '#/devices';
  }
}
