import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// package.json's `engines.node` is the oldest Node.js the shipped code runs on. The language and its built-ins
// are held by tsconfig (`target` and `lib` ES2022: newer syntax is compiled down, newer built-ins do not
// type-check), but Node's own APIs are typed by @types/node for a later 20.x than the minimum. So the ones
// added after Node 20.0, with the release that added each, are listed here and looked for in what the package
// ships (src/ and bin/; tests and the benchmark run on the developer's Node). One that is used must be no newer
// than the minimum. A new API that needs a newer Node: add it here, then raise `engines` (and the README).
const ROOT = join(import.meta.dirname, '..');

const NEWER_THAN_20: { api: string; since: string; pattern: RegExp }[] = [
  { api: "import attributes (with { type: 'json' })", since: '20.10.0', pattern: /\bwith\s*\{\s*type:/ },
  { api: 'import.meta.dirname / filename', since: '20.11.0', pattern: /import\.meta\.(dirname|filename)\b/ },
  { api: 'fs.Dirent parentPath', since: '20.12.0', pattern: /\.parentPath\b/ },
  { api: 'util.styleText', since: '20.12.0', pattern: /\bstyleText\b/ },
  { api: 'process.loadEnvFile / util.parseEnv', since: '20.12.0', pattern: /\b(loadEnvFile|parseEnv)\b/ },
  {
    api: 'crypto.hash',
    since: '20.12.0',
    pattern: /\bcrypto\.hash\(|import \{[^}]*\bhash\b[^}]*\} from 'node:crypto'/,
  },
  { api: 'zlib.crc32', since: '20.15.0', pattern: /\bcrc32\b/ },
  { api: 'process.getBuiltinModule', since: '20.16.0', pattern: /\bgetBuiltinModule\b/ },
  { api: 'Object.groupBy / Map.groupBy', since: '21.0.0', pattern: /\b(Object|Map)\.groupBy\b/ },
  { api: 'navigator', since: '21.0.0', pattern: /\bnavigator\./ },
  { api: 'Promise.withResolvers', since: '22.0.0', pattern: /\bPromise\.withResolvers\b/ },
  { api: 'Array.fromAsync', since: '22.0.0', pattern: /\bArray\.fromAsync\b/ },
  {
    api: 'fs.glob / globSync',
    since: '22.0.0',
    pattern: /\b(fs\.glob|globSync)\b|import \{[^}]*\bglob\b[^}]*\} from 'node:fs/,
  },
  {
    api: 'Set methods (union, intersection, ...)',
    since: '22.0.0',
    pattern: /\.(union|intersection|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/,
  },
  { api: 'URL.parse', since: '22.1.0', pattern: /\bURL\.parse\(/ },
  { api: 'node:sqlite', since: '22.5.0', pattern: /['"]node:sqlite['"]/ },
  { api: 'Iterator helpers', since: '22.0.0', pattern: /\bIterator\.(from|prototype)\b/ },
  { api: 'RegExp.escape', since: '24.0.0', pattern: /\bRegExp\.escape\b/ },
  { api: 'Error.isError', since: '24.0.0', pattern: /\bError\.isError\b/ },
];

/** `a` before `b`, as x.y.z versions. */
const older = (a: string, b: string): boolean => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if ((x?.[i] ?? 0) !== (y?.[i] ?? 0)) return (x?.[i] ?? 0) < (y?.[i] ?? 0);
  return false;
};

/** The source files under a folder, as paths relative to the project. */
const sourcesUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourcesUnder(join(dir, e.name))
      : /\.(ts|js|mjs)$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );

describe('engines.node', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const minimum = /^>=(\d+\.\d+\.\d+)$/.exec(pkg.engines?.node ?? '')?.[1];
  const shipped = [...sourcesUnder('src'), ...sourcesUnder('bin')].map((path) => ({
    path,
    text: readFileSync(join(ROOT, path), 'utf8'),
  }));

  it('is a plain minimum, >=x.y.z, and the lock file says the same', () => {
    expect(minimum, `engines.node "${pkg.engines?.node}"`).toBeDefined();
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    expect(lock.packages[''].engines).toEqual(pkg.engines);
  });

  it('is no older than the newest Node API the shipped code uses', () => {
    const tooNew = NEWER_THAN_20.flatMap(({ api, since, pattern }) => {
      const users = shipped.filter((f) => pattern.test(f.text)).map((f) => f.path);
      return users.length > 0 && older(minimum ?? '0.0.0', since)
        ? [`${api} needs Node ${since}: ${users.join(', ')}`]
        : [];
    });
    expect(tooNew).toEqual([]);
  });

  it('is what the README says', () => {
    const [major, minor] = (minimum ?? '').split('.');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(
      `Requires Node.js ${major}.${minor} or later`,
    );
  });
});
