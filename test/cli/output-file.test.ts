import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// -o/--output FILE: the answer in FILE, put in place only once the command is done; a failing or stopped
// run leaves FILE as it was and no temporary file beside it.

const dir = mkdtempSync(join(tmpdir(), 'korus-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BIN = join(import.meta.dirname, '../../bin/korus-stats.js');
const SHARE = ['share', '--category', 'apparel', '--year', '2016', '--partner', 'KR'];

/** The folder's entries other than the ones named. */
const others = (folder: string, ...names: string[]) => readdirSync(folder).filter((f) => !names.includes(f));

describe('--output', () => {
  it('writes the answer to the file, the same bytes as standard output, and nothing to standard output', async () => {
    const sub = mkdtempSync(join(dir, 'a-'));
    const piped = await run([...SHARE, '--json']);
    const written = await run([...SHARE, '--json', '-o', 'out.json'], { cwd: sub });
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(readFileSync(join(sub, 'out.json'), 'utf8')).toBe(piped.stdout);
    expect(others(sub, 'out.json')).toEqual([]);
    // Every command takes it: categories, validate and check too.
    for (const argv of [
      ['categories'],
      ['validate'],
      ['check'],
      ['trend', '--category', 'apparel', '--partner', 'KR'],
    ]) {
      const r = await run([...argv, '--output', join(sub, 'x.txt')]);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.stdout).toBe('');
      expect(readFileSync(join(sub, 'x.txt'), 'utf8')).toBe((await run(argv)).stdout);
    }
  });

  it('leaves an existing file as it was, and no temporary file, when the run fails', async () => {
    const sub = mkdtempSync(join(dir, 'b-'));
    writeFileSync(join(sub, 'out.json'), 'before\n');
    const r = await run(['share', '--category', 'no-such-category', '-o', 'out.json'], { cwd: sub });
    expect(r.code).toBe(2);
    expect(readFileSync(join(sub, 'out.json'), 'utf8')).toBe('before\n');
    expect(others(sub, 'out.json')).toEqual([]);
    const missing = await run([...SHARE, '-o', 'out.json'], { cwd: sub, env: {} });
    expect(missing.code).toBe(0);
    expect(readFileSync(join(sub, 'out.json'), 'utf8')).toContain('South Korea');
  });

  it('keeps a report of problems (exit 1 is a whole answer)', async () => {
    const sub = mkdtempSync(join(dir, 'c-'));
    const bad = join(import.meta.dirname, '../fixtures/data/bad-flow.csv');
    const r = await run(['validate', bad, '-o', 'report.txt'], { cwd: sub });
    expect(r.code).toBe(1);
    expect(readFileSync(join(sub, 'report.txt'), 'utf8')).toContain('bad-flow');
  });

  it('says why it cannot write, before reading anything', async () => {
    const r = await run([...SHARE, '-o', join(dir, 'no-such-folder', 'out.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write');
    expect(r.stderr).toContain('no such file or folder');
    const folder = await run([...SHARE, '-o', dir]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('is a folder');
  });

  it('removes its temporary file when stopped by Ctrl-C, and stops as the signal says', async () => {
    const sub = mkdtempSync(join(dir, 'd-'));
    // Standard input left open with nothing written: the run waits in its read until the signal comes.
    const child = spawn(process.execPath, [BIN, ...SHARE, '--data', '-', '-o', 'out.json'], {
      cwd: sub,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    // The temporary file is there while the run waits.
    for (let i = 0; i < 100 && others(sub).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(others(sub)).toHaveLength(1);
    expect(others(sub)[0]).toMatch(/^\.out\.json\..*\.tmp$/);
    const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    child.kill('SIGINT');
    expect(await ended).toEqual({ code: null, signal: 'SIGINT' });
    expect(others(sub)).toEqual([]);
  });
});
