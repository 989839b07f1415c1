import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { eachRecord } from '../../src/data/each-record.js';
import { fileInput } from '../../src/data/file-input.js';
import type { ReadOptions } from '../../src/data/read-options.js';
import { scanThreadFits } from '../../src/data/scan-thread.js';
import type { EndingCount } from '../../src/data/validate-line-endings.js';
import { InputError } from '../../src/errors.js';

// Reading a file with a scanning thread (--threads 2) must give exactly what one thread gives: the same
// records and line numbers, the same error at the same place after the same records, the same line-ending
// counts and the same encoding. Files are written to disk (the thread opens them by path) and read in small
// chunks, so records, quoted line breaks and bad bytes fall across the thread's batches.

const RUNS = Number(process.env.THREAD_RUNS ?? 60);
const dir = mkdtempSync(join(tmpdir(), 'korus-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function options(threads: number, over: Partial<ReadOptions> = {}): ReadOptions {
  return {
    dialect: { delimiter: ',', encoding: 'utf8' },
    numbers: { decimal: '.' },
    missing: [],
    threads,
    ...over,
  };
}

interface Outcome {
  records: string[];
  error?: { message: string; location: unknown; code: string; hint?: string };
  endings: EndingCount;
  encoding: string;
  bytes: number | undefined;
}

async function read(
  path: string,
  threads: number,
  chunk: number,
  gzip = false,
  over: Partial<ReadOptions> = {},
): Promise<Outcome> {
  const input = fileInput(path, 'f.csv', statSync(path).size, gzip, chunk);
  const records: string[] = [];
  const endings: EndingCount = { counts: { crlf: 0, lf: 0, cr: 0 }, first: { crlf: 0, lf: 0, cr: 0 } };
  const meta: { encoding: string; bytes?: number } = { encoding: 'utf8' };
  const out: Outcome = { records, endings, encoding: '', bytes: undefined };
  try {
    const onRecord = (r: { line: number; count: number; text(i: number): string }) => {
      const cells: string[] = [];
      for (let i = 0; i < r.count; i++) cells.push(r.text(i));
      records.push(`${r.line}:${JSON.stringify(cells)}`);
    };
    for await (const _ of eachRecord(input, options(threads, over), onRecord, meta, undefined, endings)) {
      // the bytes read so far
    }
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    out.error = { message: err.message, location: err.location, code: err.code, hint: err.hint };
  }
  out.encoding = meta.encoding;
  out.bytes = meta.bytes;
  return out;
}

function file(bytes: Buffer | string, gzip = false): string {
  const path = join(dir, `t${n++}.csv${gzip ? '.gz' : ''}`);
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  writeFileSync(path, gzip ? gzipSync(buf) : buf);
  return path;
}

async function same(bytes: Buffer | string, chunk: number, gzip = false): Promise<Outcome> {
  const path = file(bytes, gzip);
  const one = await read(path, 1, chunk, gzip);
  const two = await read(path, 2, chunk, gzip);
  expect(two).toEqual(one);
  return one;
}

const cell = fc
  .array(fc.constantFrom('a', '7', ' ', 'é', '€', '𝄞', ',', '"', '\n', '\r'), { maxLength: 5 })
  .map((cs) => cs.join(''))
  .map((t) => (/[",\r\n]/.test(t) ? `"${t.replaceAll('"', '""')}"` : t));
const end = fc.constantFrom('\n', '\r\n', '\r');
const csv = fc
  .array(fc.tuple(fc.array(cell, { minLength: 1, maxLength: 4 }), end), { minLength: 1, maxLength: 30 })
  .map((rs) => rs.map(([cells, e]) => cells.join(',') + e).join(''));
/** One byte changed, or bad bytes put in: quotes left open, text after a closing quote, invalid UTF-8. */
const broken = fc
  .tuple(csv, fc.nat(), fc.constantFrom('"', ',', '\n', 'x', '', '\xff', '\x00'))
  .map(([text, at, ch]) => {
    const buf = Buffer.from(text);
    const i = at % (buf.length + 1);
    const put = ch === '\xff' ? Buffer.from([0xff]) : Buffer.from(ch);
    return Buffer.concat([buf.subarray(0, i), put, buf.subarray(i + 1)]);
  });
const chunk = fc.constantFrom(1, 2, 3, 7, 16, 64, 4096);

describe('a scanning thread reads exactly as one thread does', () => {
  it('well-formed CSV cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(csv, chunk, async (text, size) => {
        await same(text, size);
      }),
      { numRuns: RUNS },
    );
  });

  it('malformed CSV and bad bytes: the same records before the same error', async () => {
    await fc.assert(
      fc.asyncProperty(broken, chunk, async (bytes, size) => {
        await same(bytes, size);
      }),
      { numRuns: RUNS },
    );
  });

  it('reads gzip, a byte-order mark and a source encoding the same way', async () => {
    const text = 'a,b\r\n"x\ny",2\n€,3\r4,5\n';
    await same(text, 3, true);
    await same(`\ufeff${text}`, 5);
    // A Comtrade portal download with a Windows-1252 byte (C\xf4te d'Ivoire): the source's encoding.
    const portal = readFileSync(join(import.meta.dirname, '../fixtures/layouts/comtrade-plus-portal.csv'));
    const one = await same(portal, 4096);
    expect(one.encoding).toContain('windows-1252');
  });

  it('fills and reuses its slots over a file of many batches, with records across them', async () => {
    const rows: string[] = ['year,partner,value'];
    for (let i = 0; i < 20_000; i++)
      rows.push(i % 97 === 0 ? `2016,"Korea,\nRep. ${i}",${i}` : `2016,P${i},${i}`);
    const text = `${rows.join('\n')}\n`;
    const one = await same(text, 4096);
    expect(one.records).toHaveLength(20_001);
    expect(one.endings.counts.lf).toBe(20_001 + Math.ceil(20_000 / 97));
  });

  it('moves a batch to a larger slot: a record longer than a chunk, a chunk of many short records', async () => {
    const long = `a,"${'x\n'.repeat(20_000)}",b\n`;
    const one = await same(`h1,h2,h3\n1,2,3\n${long}4,5,6\n`, 4096);
    expect(one.records).toHaveLength(4);
    const tiny = await same('a\n'.repeat(100_000), 1 << 16);
    expect(tiny.records).toHaveLength(100_000);
  });

  it('a problem in a large file comes after every record before it, at its line', async () => {
    const rows: string[] = ['year,partner,value'];
    for (let i = 0; i < 5_000; i++) rows.push(`2016,P${i},${i}`);
    rows.push('2016,"never closed,1');
    for (let i = 0; i < 100; i++) rows.push(`2016,Q${i},${i}`);
    const one = await same(rows.join('\n'), 1024);
    expect(one.records).toHaveLength(5_001);
    expect(one.error?.location).toEqual({ file: 'f.csv', line: 5_002, column: 2 });
  });

  it('stops its thread when the reading stops early', async () => {
    const rows: string[] = ['a,b'];
    for (let i = 0; i < 50_000; i++) rows.push(`${i},x`);
    const path = file(rows.join('\n'));
    const input = fileInput(path, 'f.csv', statSync(path).size, false, 1024);
    let seen = 0;
    const stop = new Error('enough');
    await expect(async () => {
      for await (const _ of eachRecord(
        input,
        options(2),
        () => {
          if (++seen === 3_000) throw stop;
        },
        { encoding: 'utf8' },
      )) {
        // read on
      }
    }).rejects.toBe(stop);
    expect(seen).toBe(3_000);
  });

  it('is used for files of 32 MiB and more (8 MiB gzipped), not for pipes, small files or --threads 1', () => {
    const small = fileInput('/x.csv', 'x.csv', 16 << 20, false);
    const large = fileInput('/x.csv', 'x.csv', 32 << 20, false);
    const gzipped = fileInput('/x.csv.gz', 'x.csv.gz', 8 << 20, true);
    const auto = options(1, { threads: undefined });
    const cores = availableParallelism() > 1;
    expect(scanThreadFits(small, auto)).toBe(false);
    expect(scanThreadFits(large, auto)).toBe(cores);
    expect(scanThreadFits(gzipped, auto)).toBe(cores);
    expect(scanThreadFits(small, options(2))).toBe(true);
    expect(scanThreadFits(large, options(1))).toBe(false);
    expect(scanThreadFits({ ...large, once: true }, options(2))).toBe(false);
    expect(scanThreadFits({ name: '<stdin>', open: large.open }, options(2))).toBe(false);
  });
});
