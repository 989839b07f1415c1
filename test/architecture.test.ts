import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layers of src/ (DESIGN: commands -> sources/data -> core -> output, all over catalog) and which
// others each may import. This is the one place they are written down; docs/architecture.md links here.
const LAYERS: Record<string, readonly string[]> = {
  catalog: [],
  sources: ['catalog'],
  model: ['sources', 'catalog'],
  core: ['model', 'sources', 'catalog'],
  data: ['model', 'sources', 'catalog'],
  output: ['core', 'model', 'sources', 'catalog'],
  commands: ['data', 'core', 'output', 'model', 'sources', 'catalog'],
  cli: ['commands', 'output', 'model', 'catalog'],
};
/** Files at the top of src/ and the layer each is in. */
const TOP: Record<string, string> = {
  'cli.ts': 'cli',
  'errors.ts': 'model',
  'io.ts': 'model',
  'version.ts': 'model',
  'quick-answer.ts': 'model',
};

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const layerOf = (file: string): string => {
  const [first = '', ...rest] = relative(SRC, file).split('/');
  return rest.length === 0 ? (TOP[first] ?? 'unlisted') : first;
};
/** The src/ files a file imports (static, dynamic and type-only imports alike). */
const importsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\()'(\.{1,2}\/[^']+)\.js'/g)].map((m) =>
    resolve(dirname(file), `${m[1]}.ts`),
  );

/** The src/ files a file loads when it is loaded: its static imports that are not type-only. */
const loadsOf = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*?from '(\.{1,2}\/[^']+)\.js';/gms)].map(
    (m) => resolve(dirname(file), `${m[1]}.ts`),
  );

/** Every src/ file loaded with `start`, through static imports (dynamic ones load later, when run). */
function loadedWith(start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const to of loadsOf(f)) visit(to);
  };
  visit(start);
  return seen;
}

/** Every import that goes against LAYERS, as "from -> to (layer -> layer)". */
function wrongWay(all: string[]): string[] {
  return all.flatMap((file) =>
    importsOf(file)
      .filter((to) => layerOf(to) !== layerOf(file) && !LAYERS[layerOf(file)]?.includes(layerOf(to)))
      .map((to) => `${relative(SRC, file)} -> ${relative(SRC, to)} (${layerOf(file)} -> ${layerOf(to)})`),
  );
}

/** Import cycles between files, each as the chain of files that closes it. */
function cycles(all: string[]): string[] {
  const graph = new Map(all.map((f) => [f, importsOf(f)]));
  const state = new Map<string, 'open' | 'done'>();
  const found: string[] = [];
  const visit = (f: string, path: string[]) => {
    if (state.get(f) === 'done') return;
    if (state.get(f) === 'open') {
      found.push([...path.slice(path.indexOf(f)), f].map((p) => relative(SRC, p)).join(' -> '));
      return;
    }
    state.set(f, 'open');
    for (const to of graph.get(f) ?? []) visit(to, [...path, f]);
    state.set(f, 'done');
  };
  for (const f of all) visit(f, []);
  return found;
}

describe('architecture', () => {
  const all = files(SRC);
  it('puts every file of src/ in a layer', () => {
    expect(
      all
        .map((f) => `${relative(SRC, f)}: ${layerOf(f)}`)
        .filter((l) => !((l.split(': ')[1] as string) in LAYERS)),
    ).toEqual([]);
  });
  it('imports only down the layers', () => {
    expect(wrongWay(all)).toEqual([]);
  });
  it('declares the commands without loading what they run (--version and --help start fast)', () => {
    const loaded = [...loadedWith(join(SRC, 'cli.ts'))].map((f) => relative(SRC, f)).sort();
    // The readers, the computations, the renderers and the partner catalog load when a command runs.
    const heavy = loaded.filter(
      (f) =>
        f.startsWith('core/') ||
        f.endsWith('-run.ts') ||
        ['output/render.ts', 'catalog/partners.ts', 'commands/pipeline.ts', 'data/trade-rows.ts'].includes(f),
    );
    expect(heavy).toEqual([]);
    expect(loaded.length).toBeLessThan(30);
  });

  it('answers --version alone from the version and nothing else', () => {
    const loaded = [...loadedWith(join(SRC, 'quick-answer.ts'))].map((f) => relative(SRC, f)).sort();
    expect(loaded).toEqual(['quick-answer.ts', 'version.ts']);
  });

  it('has no import cycles', () => {
    expect(cycles(all)).toEqual([]);
  });
});
