import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globMatch, parseGlob } from '../../src/data/glob-match.js';
import { run } from '../helpers.js';

// Patterns come from the command line: none may crash the reader or make it backtrack for minutes, and a
// file whose name holds a glob character can still be named.
const CSV = 'year,partner,hs_code,value_usd\n2016,KR,6109,100\n';
const SHARE = ['share', '--category', 'apparel', '--year', '2016', '--json'];
const total = (stdout: string) => (JSON.parse(stdout) as { total: { valueUsd: number } }).total.valueUsd;

describe('--data globs', () => {
  it("an unclosed '[' is a literal character: a clean 'no such file' (exit 2), no crash", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'korus-glob-'));
    const r = await run([...SHARE, '--data', 'x['], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('korus-stats: error: x[: no such file or folder\n');
  });

  it('many stars against a long name that does not match finish at once (no backtracking)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'korus-glob-'));
    writeFileSync(join(cwd, `${'a'.repeat(200)}.csv`), CSV);
    const pattern = `${'a*'.repeat(60)}b`;
    const r = await run([...SHARE, '--data', pattern], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${pattern}: no file matches this pattern`);
    // The matcher itself, on a name as long as a file system allows many times over.
    expect(globMatch(parseGlob(`${'a*'.repeat(500)}b`), 'a'.repeat(20000))).toBe(false);
    expect(globMatch(parseGlob(`${'a*'.repeat(500)}b`), `${'a'.repeat(20000)}b`)).toBe(true);
  });

  it('a name that holds [ ] * ? is read as written when it exists, and by escaping otherwise', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'korus-glob-'));
    writeFileSync(join(cwd, 'x[1].csv'), CSV);
    writeFileSync(join(cwd, 'x1.csv'), CSV.replace('100', '7'));
    const literal = await run([...SHARE, '--data', 'x[1].csv'], { cwd });
    expect(literal.code).toBe(0);
    expect(total(literal.stdout)).toBe(100);
    const escaped = await run([...SHARE, '--data', 'x\\[1\\].csv'], { cwd });
    expect(escaped.code).toBe(0);
    expect(total(escaped.stdout)).toBe(100);
    const glob = await run([...SHARE, '--data', 'x[0-9].csv'], { cwd });
    expect(total(glob.stdout)).toBe(7);
  });

  it('a pattern in a folder part of the path is matched there too; matching nothing says so', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'korus-glob-'));
    const r = await run([...SHARE, '--data', 'dl-*/x.csv'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('korus-stats: error: dl-*/x.csv: no file matches this pattern\n');
    mkdirSync(join(cwd, 'dl-1'));
    writeFileSync(join(cwd, 'dl-1', 'x.csv'), CSV);
    const found = await run([...SHARE, '--data', 'dl-*/x.csv'], { cwd });
    expect(found.code).toBe(0);
    expect(total(found.stdout)).toBe(100);
  });

  it('classes, negation and ? match as in sh', () => {
    const m = (p: string, s: string) => globMatch(parseGlob(p), s);
    expect(m('census-*.csv', 'census-2016.csv')).toBe(true);
    expect(m('census-*.csv', 'census-2016.csv.gz')).toBe(false);
    expect(m('y201[!6].csv', 'y2016.csv')).toBe(false);
    expect(m('y201[!6].csv', 'y2015.csv')).toBe(true);
    expect(m('y20??.csv', 'y2015.csv')).toBe(true);
    expect(m('[]x].csv', '].csv')).toBe(true);
    expect(m('a\\*', 'a*')).toBe(true);
    expect(m('a\\*', 'ab')).toBe(false);
  });

  it('a glob follows links to files, as a folder does', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'korus-glob-'));
    writeFileSync(join(cwd, 'real.csv'), CSV);
    symlinkSync('real.csv', join(cwd, 'k-link.csv'));
    const r = await run([...SHARE, '--data', 'k-*.csv'], { cwd });
    expect(r.code).toBe(0);
    expect(total(r.stdout)).toBe(100);
  });
});
