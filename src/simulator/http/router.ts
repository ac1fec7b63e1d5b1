import type { RouteDefinition } from './route.js';

interface CompiledRoute {
  route: RouteDefinition;
  /** `GET /api/v2/devices/:uuid/details`: the key under which calls are counted and faults are matched. */
  key: string;
  pattern: RegExp;
  paramNames: string[];
  literalSegments: number;
}

export interface RouteMatch {
  route: RouteDefinition;
  key: string;
  params: Record<string, string>;
}

/** Matches method + path to a route; literal segments win over parameters (`/devices/count` before `/devices/:uuid`). */
export class Router {
  private compiled: CompiledRoute[] = [];

  add(route: RouteDefinition): void {
    const key = `${route.method} ${route.path}`;
    for (const path of [route.path, ...(route.aliases ?? [])]) {
      const segments = path.split('/').filter(Boolean);
      const paramNames: string[] = [];
      const source = segments
        .map((segment) => {
          if (segment.startsWith(':')) {
            paramNames.push(segment.slice(1));
            return '/([^/]+)';
          }
          return '/' + segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      this.compiled.push({
        route,
        key,
        pattern: new RegExp(`^${source}/?$`, 'i'),
        paramNames,
        literalSegments: segments.length - paramNames.length,
      });
    }
    this.compiled.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  routes(): RouteDefinition[] {
    return [...new Set(this.compiled.map((entry) => entry.route))];
  }

  match(method: string, pathname: string): RouteMatch | undefined {
    for (const entry of this.compiled) {
      if (entry.route.method !== method) continue;
      const found = entry.pattern.exec(pathname);
      if (!found) continue;
      const params: Record<string, string> = {};
      entry.paramNames.forEach((name, index) => {
        params[name] = decodeURIComponent(found[index + 1]);
      });
      return { route: entry.route, key: entry.key, params };
    }
    return undefined;
  }
}
