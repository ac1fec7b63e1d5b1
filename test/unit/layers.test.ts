// The layer rules of docs/architecture.md, enforced: every import of every file under src/ (including
// `import type`, `export … from`, `import('…')` calls and `import('…').T` types) is read with the TypeScript
// compiler API, resolved to a src/ path or a package name, and checked against one table. The doc's layer table
// and its debt list must say what LAYERS, MAY_IMPORT and KNOWN_VIOLATIONS say (checked below).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// Layers, first match wins. Paths are relative to the repository root, with forward slashes.
const LAYERS = [
  ['cli', /^src\/main\.ts$/],
  ['server', /^src\/(server|schema)\.ts$/],
  ['cluster', /^src\/cluster(-[a-z-]+)?\.ts$/],
  ['context', /^src\/context\.ts$/],
  ['config', /^src\/config\.ts$/],
  ['shared', /^src\/(errors|ids|pagination)\.ts$/],
  ['plugins', /^src\/plugins\//],
  ['resolvers', /^src\/resolvers\//],
  ['generated', /^src\/generated\//],
  ['mutations', /^src\/mutations\//],
  // The in-process caches sit in src/cache/ but stay in the loaders layer (docs/architecture.md).
  ['loaders', /^src\/(loaders\/|cache\/(shared|response)-cache\.ts$)/],
  ['models', /^src\/models\//],
  // Transport and typed clients: the only modules that send HTTP requests.
  ['upstream-client', /^src\/upstream\/((http|caller|clients)\.ts$|resilience\/|(.+\/)?[a-z0-9-]*client\.ts$)/],
  // Everything else under src/upstream: DTOs (zod), route allow-lists, query languages, parsers.
  ['upstream-wire', /^src\/upstream\//],
  ['cache', /^src\/cache\//],
  ['auth', /^src\/auth\//],
  ['audit', /^src\/audit\//],
  ['observability', /^src\/observability\//],
  ['export', /^src\/export\//],
  ['graphiql', /^src\/graphiql\//],
  ['doctor', /^src\/doctor\//],
  ['docs-gen', /^src\/docs\//],
  ['subscriptions', /^src\/subscriptions\//],
  ['simulator', /^src\/simulator\//],
] as const satisfies readonly (readonly [string, RegExp])[];

type Layer = (typeof LAYERS)[number][0];

// Layer → the other layers it may import (itself, node builtins and npm packages always; see FORBIDDEN_PACKAGES).
// docs/architecture.md, "Layers and import directions", quotes this table; keep the two in step.
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  cli: [
    'server',
    'cluster',
    'config',
    'observability',
    'doctor',
    'simulator',
    'shared',
    'upstream-client',
    'upstream-wire',
    'auth',
    'cache',
    'loaders',
  ],
  server: [
    'context',
    'config',
    'shared',
    'plugins',
    'resolvers',
    'mutations',
    'loaders',
    'models',
    'upstream-client',
    'upstream-wire',
    'cache',
    'auth',
    'audit',
    'observability',
    'export',
    'graphiql',
    'cluster',
    'subscriptions',
  ],
  cluster: [
    'config',
    'shared',
    'auth',
    'loaders',
    'mutations',
    'observability',
    'upstream-client',
    'upstream-wire',
    'cache',
  ],
  context: [
    'config',
    'shared',
    'auth',
    'loaders',
    'models',
    'mutations',
    'upstream-client',
    'upstream-wire',
    'cache',
    'subscriptions',
  ],
  config: ['upstream-wire'],
  shared: ['models'],
  plugins: [
    'context',
    'config',
    'shared',
    'cluster',
    'loaders',
    'models',
    'upstream-client',
    'upstream-wire',
    'auth',
    'observability',
    'export',
    'graphiql',
    'audit',
    'subscriptions',
  ],
  resolvers: ['generated', 'context', 'config', 'shared', 'plugins', 'mutations', 'loaders', 'models', 'subscriptions'],
  generated: ['context', 'models', 'mutations'],
  // models and mutations take GraphQL enum types from src/generated/enums.ts (the SDL is the single source).
  mutations: [
    'generated',
    'context',
    'config',
    'shared',
    'loaders',
    'models',
    'upstream-client',
    'upstream-wire',
    'auth',
    'audit',
    'observability',
  ],
  loaders: ['context', 'config', 'shared', 'models', 'upstream-client', 'upstream-wire', 'observability'],
  models: ['generated', 'shared', 'upstream-wire', 'audit'],
  'upstream-client': ['upstream-wire', 'shared', 'models', 'auth', 'cache'],
  'upstream-wire': ['shared', 'models'],
  cache: ['config', 'shared', 'loaders', 'mutations', 'upstream-wire', 'observability'],
  auth: ['config', 'shared'],
  audit: [],
  observability: ['config', 'shared', 'upstream-client', 'upstream-wire'],
  export: ['shared', 'models', 'upstream-client', 'upstream-wire'],
  graphiql: [],
  doctor: ['config', 'shared', 'auth', 'models', 'upstream-client', 'upstream-wire', 'observability'],
  'docs-gen': ['simulator', 'upstream-client', 'upstream-wire'],
  // Live subscriptions: pollers read through loaders, events go through the coordination (docs/subscriptions.md).
  subscriptions: [
    'context',
    'config',
    'shared',
    'generated',
    'loaders',
    'models',
    'upstream-client',
    'upstream-wire',
    'cache',
    'audit',
    'observability',
  ],
  simulator: [],
};

// Packages a layer may not reach, directly or through any chain of src/ imports: upstream code never depends on
// GraphQL, so that a client can be used (doctor, export, tests) without a schema.
const GRAPHQL_PACKAGES = /^(graphql|graphql-yoga|@graphql-[a-z-]+\/.*|@envelop\/.*|@escape\.tech\/graphql-armor)$/;
const FORBIDDEN_PACKAGES: Partial<Record<Layer, RegExp>> = {
  'upstream-client': GRAPHQL_PACKAGES,
  'upstream-wire': GRAPHQL_PACKAGES,
};

// Existing debt: edges that break MAY_IMPORT today. Each is listed in docs/architecture.md ("Known violations").
// A new forbidden edge fails; an entry whose edge is gone fails too, so that the list only shrinks.
const KNOWN_VIOLATIONS: readonly { from: string; to: string; why: string }[] = [];

// --- the checker (pure: it sees only the graph it is given) ---------------------------------------------------

interface ImportEdge {
  /** src/… path of a module (it may not exist: the file is classified by its path) or a package name */
  target: string;
  isPackage: boolean;
  line: number;
}
type ModuleGraph = ReadonlyMap<string, readonly ImportEdge[]>;

function layerOf(file: string): Layer | undefined {
  return LAYERS.find(([, pattern]) => pattern.test(file))?.[0];
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Every forbidden edge of the graph as "src/a.ts → src/b.ts (layer X may not import layer Y)", sorted. */
function findViolations(graph: ModuleGraph): string[] {
  const out = new Set<string>();
  for (const [file, edges] of graph) {
    const from = layerOf(file);
    if (from === undefined) {
      out.add(`${file} is in no layer (add it to LAYERS in test/unit/layers.test.ts and to docs/architecture.md)`);
      continue;
    }
    for (const edge of edges) {
      if (edge.isPackage) continue;
      const to = layerOf(edge.target);
      if (to === undefined) {
        out.add(`${file} → ${edge.target} (outside every layer; layer ${from} may import src/ modules only)`);
      } else if (to !== from && !MAY_IMPORT[from].includes(to)) {
        out.add(`${file} → ${edge.target} (layer ${from} may not import layer ${to})`);
      }
    }
  }
  // Package rules, through any chain of src/ imports: report the first edge out of the layer on each path.
  const reach = new Map<string, string[] | null>(); // module → a chain to a forbidden package, or null
  const chainTo = (file: string, forbidden: RegExp, seen: Set<string>): string[] | null => {
    for (const edge of graph.get(file) ?? []) {
      if (edge.isPackage) {
        if (forbidden.test(packageName(edge.target))) return [packageName(edge.target)];
      } else if (!seen.has(edge.target)) {
        seen.add(edge.target);
        const rest = chainTo(edge.target, forbidden, seen);
        if (rest) return [edge.target, ...rest];
      }
    }
    return null;
  };
  for (const [file, edges] of graph) {
    const from = layerOf(file);
    const forbidden = from && FORBIDDEN_PACKAGES[from];
    if (!forbidden) continue;
    for (const edge of edges) {
      if (edge.isPackage) {
        if (forbidden.test(packageName(edge.target))) {
          out.add(`${file} → ${edge.target} (layer ${from} may not import package ${packageName(edge.target)})`);
        }
        continue;
      }
      if (layerOf(edge.target) !== undefined && FORBIDDEN_PACKAGES[layerOf(edge.target) as Layer] === forbidden) {
        continue; // the target is checked itself
      }
      const key = `${forbidden.source}\u0000${edge.target}`;
      if (!reach.has(key)) reach.set(key, chainTo(edge.target, forbidden, new Set([edge.target])));
      const chain = reach.get(key);
      if (chain) {
        const pkg = chain[chain.length - 1];
        out.add(
          `${file} → ${edge.target} (layer ${from} may not import package ${pkg}, here through ` +
            `${[edge.target, ...chain].join(' → ')})`,
        );
      }
    }
  }
  return [...out].sort();
}

/** The violations not in the allow-list, and the allow-list entries no longer seen. */
function compareWithKnown(
  violations: readonly string[],
  known: readonly { from: string; to: string }[],
): { added: string[]; stale: string[] } {
  const isKnown = (v: string) => known.some((k) => v.startsWith(`${k.from} → ${k.to} (`));
  return {
    added: violations.filter((v) => !isKnown(v)),
    stale: known.filter((k) => !violations.some((v) => v.startsWith(`${k.from} → ${k.to} (`))).map((k) => k.from),
  };
}

// --- reading src/ ------------------------------------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|mts|cts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

function specifiersOf(text: string, fileName: string): { specifier: string; line: number }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) {
      found.push({ specifier: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveRelative(file: string, specifier: string): string {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  const candidates = [
    joined
      .replace(/\.js$/, '.ts')
      .replace(/\.mjs$/, '.mts')
      .replace(/\.cjs$/, '.cts'),
    `${joined}.ts`,
    `${joined}/index.ts`,
  ];
  return candidates.find((c) => existsSync(path.join(ROOT, c))) ?? candidates[0];
}

function readSrcGraph(): Map<string, ImportEdge[]> {
  const graph = new Map<string, ImportEdge[]>();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    graph.set(
      file,
      specifiersOf(text, file).map(({ specifier, line }) =>
        specifier.startsWith('.')
          ? { target: resolveRelative(file, specifier), isPackage: false, line }
          : { target: specifier, isPackage: true, line },
      ),
    );
  }
  return graph;
}

// --- tests -----------------------------------------------------------------------------------------------------

describe('layer rules (docs/architecture.md)', () => {
  const graph = readSrcGraph();
  const violations = findViolations(graph);

  it('reads the imports of every file under src/', () => {
    expect(graph.size).toBeGreaterThan(100);
    const edges = [...graph.values()].flat();
    expect(edges.some((e) => e.isPackage && e.target === 'undici')).toBe(true);
    expect(edges.filter((e) => !e.isPackage).length).toBeGreaterThan(500);
  });

  it('has no forbidden import beyond the known violations, and no stale known violation', () => {
    const { added, stale } = compareWithKnown(violations, KNOWN_VIOLATIONS);
    expect(added, `forbidden imports:\n${added.join('\n')}`).toEqual([]);
    expect(stale, 'known violations that are gone: remove them from KNOWN_VIOLATIONS and the doc').toEqual([]);
  });

  it('the simulator imports nothing from the gateway', () => {
    const outside = [...graph]
      .filter(([file]) => layerOf(file) === 'simulator')
      .flatMap(([file, edges]) =>
        edges
          .filter((e) => (e.isPackage ? false : layerOf(e.target) !== 'simulator'))
          .map((e) => `${file} → ${e.target}`),
      );
    expect(outside).toEqual([]);
  });

  it('docs/architecture.md quotes the same table and the same debt', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
    for (const [layer] of LAYERS) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${layer}\` |`));
      expect(row, `docs/architecture.md has no row for layer ${layer}`).toBeDefined();
      const mayImport = (row ?? '').split('|')[3] ?? '';
      const named = [...mayImport.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).sort();
      expect(named, `docs/architecture.md, row ${layer}`).toEqual([...MAY_IMPORT[layer]].sort());
    }
    for (const { from, to } of KNOWN_VIOLATIONS) {
      expect(doc, 'docs/architecture.md, "Known violations"').toContain(`\`${from}\` → \`${to}\``);
    }
  });
});

describe('the layer checker', () => {
  const edge = (target: string, line = 1): ImportEdge => ({ target, isPackage: false, line });
  const pkg = (target: string, line = 1): ImportEdge => ({ target, isPackage: true, line });

  it('catches a planted forbidden import in a synthetic graph', () => {
    const graph: ModuleGraph = new Map([
      ['src/resolvers/Widget.ts', [edge('src/loaders/widgets.ts'), edge('src/upstream/epmm/widgets-client.ts')]],
      ['src/loaders/widgets.ts', [edge('src/upstream/epmm/widgets-client.ts'), edge('src/models/widget.ts')]],
      ['src/upstream/epmm/widgets-client.ts', [edge('src/upstream/http.ts'), pkg('zod')]],
      ['src/upstream/http.ts', [pkg('undici'), pkg('node:events')]],
      ['src/models/widget.ts', []],
      ['src/simulator/widgets.ts', [edge('src/models/widget.ts'), pkg('node:http')]],
    ]);
    expect(findViolations(graph)).toEqual([
      'src/resolvers/Widget.ts → src/upstream/epmm/widgets-client.ts ' +
        '(layer resolvers may not import layer upstream-client)',
      'src/simulator/widgets.ts → src/models/widget.ts (layer simulator may not import layer models)',
    ]);
    expect(compareWithKnown(findViolations(graph), [{ from: 'src/resolvers/Widget.ts', to: 'src/x.ts' }])).toEqual({
      added: expect.arrayContaining([expect.stringContaining('src/simulator/widgets.ts')]),
      stale: ['src/resolvers/Widget.ts'],
    });
  });

  it('catches graphql reached from upstream directly or through another module', () => {
    const graph: ModuleGraph = new Map([
      ['src/upstream/http.ts', [edge('src/errors.ts')]],
      ['src/upstream/neurons/fq.ts', [pkg('graphql')]],
      ['src/errors.ts', [pkg('graphql')]],
      ['src/resolvers/scalars.ts', [pkg('graphql')]],
    ]);
    expect(findViolations(graph)).toEqual([
      'src/upstream/http.ts → src/errors.ts (layer upstream-client may not import package graphql, here through ' +
        'src/errors.ts → graphql)',
      'src/upstream/neurons/fq.ts → graphql (layer upstream-wire may not import package graphql)',
    ]);
  });

  it('names a file that is in no layer', () => {
    expect(findViolations(new Map([['src/stray.ts', []]]))).toEqual([
      'src/stray.ts is in no layer (add it to LAYERS in test/unit/layers.test.ts and to docs/architecture.md)',
    ]);
  });

  it('classifies clients apart from wire modules', () => {
    expect(layerOf('src/upstream/epmm/v1-admin-client.ts')).toBe('upstream-client');
    expect(layerOf('src/upstream/clients.ts')).toBe('upstream-client');
    expect(layerOf('src/upstream/resilience/retry.ts')).toBe('upstream-client');
    expect(layerOf('src/upstream/epmm/v1-admin-dto.ts')).toBe('upstream-wire');
    expect(layerOf('src/upstream/neurons/fq.ts')).toBe('upstream-wire');
  });
});
