import { linkSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// Folders as git-annex and DVC lay them out: links to files, links to nothing (content not fetched),
// sub-folders, links that loop. Nothing is passed over without a word; nothing is read twice.
const HEADER = 'year,partner,hs_code,value_usd\n';
const SHARE = ['share', '--category', 'apparel', '--year', '2016', '--json'];

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'korus-fs-'));
  const dir = join(root, 'd');
  mkdirSync(dir);
  writeFileSync(join(dir, 'a.csv'), `${HEADER}2016,KR,6109,100\n`);
  writeFileSync(join(root, 'outside.csv'), `${HEADER}2016,CN,6109,300\n`);
  return root;
}

type Json = { total: { valueUsd: number }; notes: Array<{ code: string; message: string; level: string }> };
const parse = (s: string) => JSON.parse(s) as Json;
const note = (out: Json, code: string) => out.notes.find((n) => n.code === code);

describe('a --data folder', () => {
  it('follows a symbolic link to a file', async () => {
    const root = folder();
    symlinkSync(join(root, 'outside.csv'), join(root, 'd', 'b.csv'));
    const r = await run([...SHARE, '--data', join(root, 'd')]);
    expect(r.code).toBe(0);
    expect(parse(r.stdout).total.valueUsd).toBe(400);
  });

  it('reads a file reached by a link and by its own name once, and says so', async () => {
    const root = folder();
    symlinkSync('a.csv', join(root, 'd', 'same.csv'));
    const r = await run([...SHARE, '--data', join(root, 'd')]);
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.total.valueUsd).toBe(100);
    expect(note(out, 'same-file')?.message).toMatch(
      /1 path leads to a file already read, read once: .*d\/same\.csv is .*d\/a\.csv/,
    );
  });

  it('a hard link is the same file too (device and inode), and so is a path given twice', async () => {
    const root = folder();
    linkSync(join(root, 'd', 'a.csv'), join(root, 'd', 'hard.csv'));
    const r = await run([...SHARE, '--data', join(root, 'd'), join(root, 'd', 'a.csv')]);
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.total.valueUsd).toBe(100);
    expect(note(out, 'same-file')?.message).toMatch(/^2 paths lead to a file already read, read once: /);
  });

  it('names a sub-folder it did not read, and reads it with --recursive', async () => {
    const root = folder();
    mkdirSync(join(root, 'd', 'y2016'));
    writeFileSync(join(root, 'd', 'y2016', 'c.csv'), `${HEADER}2016,VN,6109,500\n`);
    const r = await run([...SHARE, '--data', join(root, 'd')]);
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.total.valueUsd).toBe(100);
    expect(note(out, 'inputs-not-read')?.message).toMatch(
      /^1 entry of --data not read: 1 sub-folder \(.*d\/y2016\/; --recursive reads them\)$/,
    );
    const deep = await run([...SHARE, '--recursive', '--data', join(root, 'd')]);
    expect(deep.code).toBe(0);
    expect(parse(deep.stdout).total.valueUsd).toBe(600);
    expect(note(parse(deep.stdout), 'inputs-not-read')).toBeUndefined();
  });

  it("passes over macOS's ._ files and other hidden data names, and says so; read when named", async () => {
    const root = folder();
    // An AppleDouble file as a Mac writes it beside a.csv on a FAT or network disk: binary, not data.
    const appleDouble = Buffer.concat([
      Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]),
      Buffer.from('Mac OS X        '),
    ]);
    writeFileSync(join(root, 'd', '._a.csv'), appleDouble);
    writeFileSync(join(root, 'd', '.old.csv'), `${HEADER}2016,CN,6109,7\n`);
    writeFileSync(join(root, 'd', '.DS_Store'), appleDouble);
    const r = await run([...SHARE, '--data', join(root, 'd')]);
    expect(r.code, r.stderr).toBe(0);
    const out = parse(r.stdout);
    expect(out.total.valueUsd).toBe(100);
    expect(note(out, 'inputs-not-read')?.message).toMatch(
      /^2 entries of --data not read: 2 hidden files \(.*d\/\._a\.csv, .*d\/\.old\.csv; macOS's \._ files are metadata/,
    );
    // .DS_Store is never data: not said.
    expect(note(out, 'inputs-not-read')?.message).not.toContain('DS_Store');
    const named = await run([...SHARE, '--data', join(root, 'd'), join(root, 'd', '.old.csv')]);
    expect(parse(named.stdout).total.valueUsd).toBe(107);
  });

  it('caps the list of sub-folders not read, keeping the count complete', async () => {
    const root = folder();
    for (let i = 0; i < 25; i++) mkdirSync(join(root, 'd', `s${String(i).padStart(2, '0')}`));
    const r = await run([...SHARE, '--data', join(root, 'd')]);
    const message = note(parse(r.stdout), 'inputs-not-read')?.message ?? '';
    expect(message).toMatch(/^25 entries of --data not read: 25 sub-folders \(/);
    expect(message).toContain('s09/, and 15 more; --recursive reads them)');
    expect(message).not.toContain('s10/');
  });

  it('does not loop on a link back up, nor read a folder twice (--recursive)', async () => {
    const root = folder();
    mkdirSync(join(root, 'd', 'sub'));
    symlinkSync('..', join(root, 'd', 'sub', 'up'));
    symlinkSync('.', join(root, 'd', 'sub', 'here'));
    const r = await run([...SHARE, '--recursive', '--data', join(root, 'd')]);
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.total.valueUsd).toBe(100);
    expect(note(out, 'inputs-not-read')?.message).toMatch(
      /2 folders already read \(.*d\/sub\/here\/, .*d\/sub\/up\/; a link back to a folder read before\)/,
    );
  });

  it('says which link leads to nothing (content not fetched), and which loops', async () => {
    const root = folder();
    symlinkSync(join(root, 'not-fetched.csv'), join(root, 'd', 'gone.csv'));
    symlinkSync('loop2.csv', join(root, 'd', 'loop1.csv'));
    symlinkSync('loop1.csv', join(root, 'd', 'loop2.csv'));
    const r = await run([...SHARE, '--data', join(root, 'd')]);
    expect(r.code).toBe(0);
    const n = note(parse(r.stdout), 'inputs-not-read');
    expect(n?.level).toBe('warning');
    expect(n?.message).toMatch(
      /1 link to nothing \(.*d\/gone\.csv; with git-annex or DVC, fetch the content first/,
    );
    expect(n?.message).toMatch(/2 symbolic link loops \(.*d\/loop1\.csv, .*d\/loop2\.csv;/);
    expect(r.stderr).toContain('korus-stats: warning: 3 entries of --data not read');
  });

  it('a dangling link named in --data is an error naming its target (exit 2)', async () => {
    const root = folder();
    symlinkSync('missing.csv', join(root, 'gone.csv'));
    for (const argv of [
      [...SHARE, '--data', join(root, 'gone.csv')],
      ['validate', join(root, 'gone.csv')],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(
        /gone\.csv: a symbolic link to missing\.csv, which does not exist$/,
      );
    }
  });

  it('validate says what it did not read, too', async () => {
    const root = folder();
    mkdirSync(join(root, 'd', 'old'));
    const r = await run(['validate', join(root, 'd')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /note: 1 entry of --data not read: 1 sub-folder \(.*d\/old\/; --recursive reads them\)/,
    );
  });

  it('a folder of sub-folders only says how to read them', async () => {
    const root = mkdtempSync(join(tmpdir(), 'korus-fs-'));
    mkdirSync(join(root, '2016'));
    const r = await run([...SHARE, '--data', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('folder holds no .csv, .csv.gz, .json or .xlsx files');
    expect(r.stderr).toMatch(/hint: not read: .*2016\/ \(a sub-folder; --recursive reads sub-folders\)/);
  });

  it('reads .csv, .csv.gz and .json files, and names the other files it did not read', async () => {
    const root = folder();
    const d = join(root, 'd');
    writeFileSync(join(d, 'b.csv.gz'), gzipSync(`${HEADER}2016,CN,6109,20\n`));
    writeFileSync(join(d, 'c.json'), '[["year","partner","hs_code","value_usd"],["2016","VN","6109","3"]]');
    writeFileSync(join(d, 'notes.txt'), 'downloaded 2024-05-01\n');
    writeFileSync(join(d, 'tabs.tsv'), 'year\tpartner\ths_code\tvalue_usd\n2016\tJP\t6109\t4000\n');
    writeFileSync(join(d, 'README.md'), '# data\n');
    writeFileSync(join(d, '.DS_Store'), '\0\0\0\x01Bud1');
    const r = await run([...SHARE, '--data', d]);
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.total.valueUsd).toBe(123);
    const n = note(out, 'inputs-not-read');
    expect(n?.level).toBe('info');
    expect(n?.message).toMatch(
      /^3 entries of --data not read: 3 files of other names \(.*d\/README\.md, .*d\/notes\.txt, .*d\/tabs\.tsv; a folder reads \.csv, \.json \(each maybe \.gz\) and \.xlsx files; name others in --data to read them\)$/,
    );
    // Named, a tab-separated file is read (its header has tabs and no comma).
    const named = await run([...SHARE, '--data', d, join(d, 'tabs.tsv')]);
    expect(named.code).toBe(0);
    expect(parse(named.stdout).total.valueUsd).toBe(4123);
  });

  it('a folder of files of other names only says so, and how to read them', async () => {
    const root = mkdtempSync(join(tmpdir(), 'korus-fs-'));
    writeFileSync(join(root, 'a.tsv'), 'year\tpartner\ths_code\tvalue_usd\n2016\tJP\t6109\t4000\n');
    writeFileSync(join(root, 'b.tsv'), 'year\tpartner\ths_code\tvalue_usd\n2016\tKR\t6109\t1\n');
    const r = await run([...SHARE, '--data', root]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${root}: folder holds no .csv, .csv.gz, .json or .xlsx files`);
    expect(r.stderr).toContain(
      `hint: not read: ${root}/a.tsv (not a .csv, .json or .xlsx name; name it in --data to read it) and 1 more`,
    );
    const glob = await run([...SHARE, '--data', join(root, '*.tsv')]);
    expect(glob.code).toBe(0);
    expect(parse(glob.stdout).total.valueUsd).toBe(4001);
  });

  it('the bundled data folder, by default or named, says nothing of its README', async () => {
    const root = join(import.meta.dirname, '../..');
    for (const data of [[], ['--data', 'data/'], ['--data', join(root, 'data')]]) {
      const r = await run(['share', '--category', 'textiles-and-apparel', '--json', ...data], { cwd: root });
      expect(r.code).toBe(0);
      expect(note(parse(r.stdout), 'inputs-not-read')).toBeUndefined();
    }
  });
});
