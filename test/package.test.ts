import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

// What `npm pack` puts in the tarball, as a user who installs it gets it. The list is read with
// --ignore-scripts from the dist/ that `npm test` has just built (the build empties dist/ first, as the
// `prepare` that `npm pack` runs does), so it costs no second build.
const ROOT = join(import.meta.dirname, '..');

/** The environment without npm's own variables (`npm test` sets npm_config_*, which a child npm would read). */
const npmEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'INIT_CWD'));

const packed = (): string[] => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    env: npmEnv(),
    encoding: 'utf8',
  });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
};

describe('the npm package', () => {
  const files = packed();
  const has = new Set(files);

  it('has the built command, the data, the schemas and the licence, and nothing to build', () => {
    expect(files, 'dist/ is built (npm run build)').toContain('dist/cli.js');
    for (const f of [
      'bin/korus-stats.js',
      'package.json',
      'README.md',
      'LICENSE',
      'data/otexa-apparel.csv',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('schemas/')).length).toBeGreaterThan(0);
    // No TypeScript, tests, benchmark or its output, and no source maps (they would point at src/).
    expect(files.filter((f) => /^(src|test|bench|scratch|coverage)\//.test(f))).toEqual([]);
    expect(files.filter((f) => /\.(ts|map|tsbuildinfo|log)$/.test(f))).toEqual([]);
  });

  it("has every file the README links to, and every file the docs link to but the project's own sources", () => {
    const links = (file: string) =>
      [...readFileSync(join(ROOT, file), 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
        .map((m) => m[1] ?? '')
        .filter((l) => !/^[a-z]+:/.test(l))
        .map((l) => normalize(join(dirname(file), l)).replace(/\/$/, ''));
    const shipped = (p: string) => has.has(p) || files.some((x) => x.startsWith(`${p}/`));
    const readme = links('README.md');
    expect(readme.length).toBeGreaterThan(10);
    expect(readme.filter((p) => !shipped(p))).toEqual([]);
    // The docs also point at the sources and the CI script, which a clone has and the package does not.
    const docs = files.filter((f) => f.startsWith('docs/') && f.endsWith('.md')).flatMap(links);
    expect(docs.filter((p) => !shipped(p) && !/^(src|test|\.ci)(\/|$)/.test(p))).toEqual([]);
  });

  it('has every file the shipped code imports or opens beside itself', () => {
    // Relative imports, dynamic imports and `new URL('...', import.meta.url)` of every packed script.
    const missing = files
      .filter((f) => /\.(js|mjs)$/.test(f))
      .flatMap((f) => {
        const text = readFileSync(join(ROOT, f), 'utf8');
        const specs = [
          ...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g),
          ...text.matchAll(/new URL\('(\.{1,2}\/[^']+)', import\.meta\.url\)/g),
        ].map((m) => m[1] ?? '');
        return specs
          .map((s) => normalize(join(dirname(f), s)).replace(/\/$/, ''))
          .filter((p) => !has.has(p) && !files.some((x) => x.startsWith(`${p}/`)))
          .map((p) => `${f} -> ${p}`);
      });
    expect(missing).toEqual([]);
  });

  it('builds for a clone (prepare) and states its licence and Node.js minimum', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    // `prepare` runs on `npm ci` in a clone, for a folder or git install and before `npm pack` packs; npm does
    // not run it for a tarball. No install script: installing the tarball runs nothing of the package's.
    expect(pkg.scripts.prepare).toBe('npm run build');
    for (const s of ['preinstall', 'install', 'postinstall']) expect(pkg.scripts[s]).toBeUndefined();
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(pkg.engines.node).toMatch(/^>=\d+\.\d+\.\d+$/);
  });
});

// The real thing, as the README says it: pack, install globally into an empty prefix, run from elsewhere.
// Takes a tarball, an install from the registry (or npm's cache) and a run: only in CI or with PACK_TEST=1.
const packTest = process.env.CI === 'true' || process.env.PACK_TEST === '1';

describe.runIf(packTest)('the packed tarball, installed globally', () => {
  it('installs without a build and answers the Quick start question from another folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-pack-'));
    try {
      const npm = (args: string[], cwd: string) => {
        const r = spawnSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(0);
        return { out: r.stdout, all: r.stdout + r.stderr };
      };
      // --ignore-scripts packs the dist/ this run built (the build in `prepare` is the one `npm test` ran).
      const name = npm(['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], ROOT).out.trim();
      const prefix = join(dir, 'prefix');
      const install = ['install', '--global', '--prefix', prefix, '--foreground-scripts', '--prefer-offline'];
      const log = npm([...install, '--no-audit', '--no-fund', join(dir, name)], dir).all;
      // With --foreground-scripts every script npm runs shows as "> package@version event": none runs.
      expect(log).not.toMatch(/^> /m);
      const installed = join(prefix, 'lib/node_modules/korus-stats');
      expect(existsSync(join(installed, 'dist/cli.js'))).toBe(true);
      expect(existsSync(join(installed, 'src'))).toBe(false);
      expect(existsSync(join(installed, 'node_modules/typescript'))).toBe(false);

      const away = mkdtempSync(join(tmpdir(), 'korus-elsewhere-'));
      const env: NodeJS.ProcessEnv = { ...npmEnv(), PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };
      delete env.FORCE_COLOR;
      const r = spawnSync(
        'korus-stats',
        ['share', '--category', 'apparel', '--year', '2016', '--partner', 'KR'],
        {
          cwd: away,
          env,
          encoding: 'utf8',
        },
      );
      rmSync(away, { recursive: true, force: true });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/South Korea \(KR\)\s*│\s*US\$251m\s*│\s*0\.31%/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
