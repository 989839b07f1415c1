import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveInputs } from '../../src/data/resolve-inputs.js';
import { run } from '../helpers.js';

// A --data pattern selects what bash would: `bash -O globstar -c 'printf "%s\n" PATTERN'` in the same
// folder (LC_ALL=C, so its order is by bytes too), its regular files against the files korus-stats takes.
// Each file's value and HS code are its place in FILES: files with the same bytes, or the same row with
// other values, would be refused.
const csv = (n: number) => `year,partner,hs_code,value_usd\n2016,KR,61${String(n).padStart(2, '0')},${n}\n`;
const FILES = [
  'u1.csv',
  'u2.csv',
  'u3.csv',
  'a.csv',
  'b.csv',
  'c.csv',
  '.dot.csv',
  'y2015.csv',
  'y2016.csv',
  'y2017.csv',
  'dir/top.csv',
  'dir/file.csv',
  'dir/notes.txt',
  'dir/a/n1.csv',
  'dir/a/b/n2.csv',
  'dir/.hidden/h.csv',
  'dir2/file.csv',
  'dirx/file.csv',
  'other/file.csv',
  'elsewhere/far.csv',
];

let cwd = '';
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'korus-glob-bash-'));
  for (const [i, f] of FILES.entries()) {
    mkdirSync(dirname(join(cwd, f)), { recursive: true });
    writeFileSync(join(cwd, f), csv(i + 1));
  }
  // `**` does not go through a link to a folder (bash 4.3 on); a part after it does.
  mkdirSync(join(cwd, 'elsewhere', 'deeper'));
  writeFileSync(join(cwd, 'elsewhere', 'deeper', 'deep.csv'), csv(99));
  symlinkSync('../elsewhere', join(cwd, 'dir', 'linked'));
});

/** The regular files bash's expansion of `pattern` names, in its order. */
function bashSelects(pattern: string): string[] {
  const out = execFileSync('bash', ['-O', 'globstar', '-c', `printf '%s\\n' ${pattern}`], {
    cwd,
    env: { PATH: process.env.PATH, LC_ALL: 'C' },
  });
  return out
    .toString()
    .split('\n')
    .filter((p) => p !== '' && lstatSync(join(cwd, p), { throwIfNoEntry: false })?.isFile());
}

/** The files korus-stats takes for `pattern`, in the order it reads them. */
async function korusSelects(pattern: string): Promise<string[]> {
  return (await resolveInputs([pattern], cwd, Readable.from([]))).map((i) => i.name);
}

describe('--data patterns select what bash selects', () => {
  it.each([
    ['dir/**/*.csv', ['dir/a/b/n2.csv', 'dir/a/n1.csv', 'dir/file.csv', 'dir/linked/far.csv', 'dir/top.csv']],
    ['{a,b}.csv', ['a.csv', 'b.csv']],
    ['u[!2].csv', ['u1.csv', 'u3.csv']],
    ['u[^2].csv', ['u1.csv', 'u3.csv']],
    ['dir*/file.csv', ['dir/file.csv', 'dir2/file.csv', 'dirx/file.csv']],
    [
      '*.csv',
      ['a.csv', 'b.csv', 'c.csv', 'u1.csv', 'u2.csv', 'u3.csv', 'y2015.csv', 'y2016.csv', 'y2017.csv'],
    ],
    ['y{2015..2016}.csv', ['y2015.csv', 'y2016.csv']],
    ['{c,a}.csv', ['c.csv', 'a.csv']],
    ['{u,y}?*.csv', ['u1.csv', 'u2.csv', 'u3.csv', 'y2015.csv', 'y2016.csv', 'y2017.csv']],
    ['**/n?.csv', ['dir/a/n1.csv', 'dir/a/b/n2.csv'].sort()],
    ['dir/**', ['dir/a/b/n2.csv', 'dir/a/n1.csv', 'dir/file.csv', 'dir/notes.txt', 'dir/top.csv']],
    ['dir/linked/*.csv', ['dir/linked/far.csv']],
    ['.d*.csv', ['.dot.csv']],
    ['dir/.h*/*.csv', ['dir/.hidden/h.csv']],
    ['*/[a-c]/n?.csv', ['dir/a/n1.csv']],
  ])('%s', async (pattern, expected) => {
    const bash = bashSelects(pattern);
    expect(bash).toEqual(expected);
    expect(await korusSelects(pattern)).toEqual(bash);
  });

  it('an alternative of the braces that names nothing is an error, as bash hands it on to be read', async () => {
    const r = await run(['validate', '--data', '{a,zz}.csv'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('korus-stats: error: zz.csv: no such file or folder\n');
    const glob = await run(['validate', '--data', '{a,zz*}.csv'], { cwd });
    expect(glob.stderr).toBe('korus-stats: error: zz*.csv: no file matches this pattern\n');
  });

  it('braces that give more than 1000 paths are a usage error, not a long wait', async () => {
    const r = await run(['validate', '--data', 'y{1..5000}.csv'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--data y{1..5000}.csv: its braces give more than 1000 paths');
  });

  it('an escaped brace, star or backslash is literal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-glob-esc-'));
    writeFileSync(join(dir, '{a,b}.csv'), csv(1));
    writeFileSync(join(dir, 'a.csv'), csv(2));
    writeFileSync(join(dir, 'x\\y.csv'), csv(3));
    const names = async (p: string) => (await resolveInputs([p], dir, Readable.from([]))).map((i) => i.name);
    // As written when it exists; escaped otherwise.
    expect(await names('{a,b}.csv')).toEqual(['{a,b}.csv']);
    expect(await names('\\{a,b\\}.csv')).toEqual(['{a,b}.csv']);
    expect(await names('{a\\,b}.csv')).toEqual(['{a,b}.csv']);
    expect(await names('x\\\\*.csv')).toEqual(['x\\y.csv']);
  });

  it('the files a pattern selects are read and added up', async () => {
    const r = await run(
      ['share', '--category', 'apparel', '--year', '2016', '--json', '--quiet', '--data', 'dir/**/*.csv'],
      {
        cwd,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const at = (f: string) => FILES.indexOf(f) + 1;
    const want = ['dir/a/b/n2.csv', 'dir/a/n1.csv', 'dir/file.csv', 'elsewhere/far.csv', 'dir/top.csv'];
    expect((JSON.parse(r.stdout) as { total: { valueUsd: number } }).total.valueUsd).toBe(
      want.map(at).reduce((a, b) => a + b, 0),
    );
  });
});
