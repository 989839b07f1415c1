import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const DATA = join(import.meta.dirname, '../../data/usitc-textiles-apparel.csv');
const ARGS = ['share', '--category', 'textiles-and-apparel', '--year', '2016', '--json'];

describe('inputs', () => {
  it('reads .csv.gz transparently, with the same figures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-gz-'));
    const gz = join(dir, 'usitc.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(DATA)));
    const plain = JSON.parse((await run([...ARGS, '--data', DATA])).stdout);
    const zipped = await run([...ARGS, '--data', gz]);
    expect(zipped.code).toBe(0);
    const out = JSON.parse(zipped.stdout);
    expect(out.rows).toEqual(plain.rows);
    expect(out.total).toEqual(plain.total);
  });

  it('says a broken .gz file is not gzip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-gz-'));
    const bad = join(dir, 'bad.csv.gz');
    writeFileSync(bad, 'year,partner\n');
    const r = await run([...ARGS, '--data', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.csv.gz: not a valid gzip file');
  });

  it('gives the same answer with either parser', async () => {
    const fast = await run([...ARGS, '--parser', 'fast']);
    const reference = await run([...ARGS, '--parser', 'csv-parse']);
    expect(fast.stdout).toBe(reference.stdout);
  });

  it('prints no progress into a pipe', async () => {
    const r = await run([...ARGS]);
    expect(r.stderr).toBe('');
  });

  it('--data - on a terminal says once that it reads standard input, then reads it; not from a pipe', async () => {
    const csv = readFileSync(DATA);
    const typed = await run([...ARGS, '--data', '-'], { stdin: csv, stdinTty: true });
    expect(typed.code).toBe(0);
    expect(typed.stderr).toBe('korus-stats: reading standard input (end with Ctrl-D) ...\n');
    const piped = await run([...ARGS, '--data', '-'], { stdin: csv });
    expect(piped.stderr).toBe('');
    expect(typed.stdout).toBe(piped.stdout);
    // A terminal that is not read is not told anything.
    const file = await run([...ARGS, '--data', DATA], { stdinTty: true });
    expect(file.code).toBe(0);
    expect(file.stderr).toBe('');
  });
});
