import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CategoryDef } from '../../src/catalog/categories.js';
import { loadCategories } from '../../src/data/category-file.js';
import { DEFAULT_MISSING_MARKERS } from '../../src/data/numbers.js';
import type { RangeSetup } from '../../src/data/range-job.js';
import { InThreadRunner, type RangeRunner, runRangesWith } from '../../src/data/range-read.js';
import { lineStart, rangeStarts } from '../../src/data/range-split.js';
import type { ReadOptions } from '../../src/data/read-options.js';
import { resolveInputs } from '../../src/data/resolve-inputs.js';
import { readTrade } from '../../src/data/trade-rows.js';
import { InputError } from '../../src/errors.js';
import { newReport, type RowFilter } from '../../src/model/rows.js';

// Reading a file in byte ranges (several threads, each a range; range-read.ts) must give exactly what one
// thread reading it gives: the same rows with the same lines, the same report (counts, blank runs,
// examples), the same first error at the same place. Random files are cut into ranges of 1 to 90 bytes,
// so cuts fall inside quoted fields holding line breaks, inside CRLF, inside blank runs and at the header.

const RUNS = Number(process.env.RANGE_RUNS ?? 150);
const dir = mkdtempSync(join(tmpdir(), 'korus-ranges-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => runRangesWith(undefined));
let n = 0;

const categories = await loadCategories(undefined);
const apparel = categories.find((c) => c.name === 'apparel') as CategoryDef;

function options(threads: number, rangeBytes?: number): ReadOptions {
  return {
    dialect: { delimiter: ',', encoding: 'utf8' },
    numbers: { decimal: '.' },
    missing: DEFAULT_MISSING_MARKERS,
    threads,
    rangeBytes,
  };
}

/** Sets and maps as arrays, so that two reports compare as JSON. */
function plain(_key: string, v: unknown): unknown {
  if (v instanceof Set) return [...v];
  if (v instanceof Map) return [...v.entries()];
  if (typeof v === 'bigint') return `${v}n`;
  return v;
}

interface Outcome {
  rows: string[];
  report: string;
  error?: { message: string; location: unknown; code: string };
}

async function read(path: string, o: ReadOptions, filter: RowFilter): Promise<Outcome> {
  const inputs = await resolveInputs([path], dir, process.stdin);
  const report = newReport();
  const rows: string[] = [];
  const out: Outcome = { rows, report: '' };
  try {
    // Keys sorted: a row is the same row whatever order its fields were set in.
    const keys = (row: object) =>
      Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1)));
    await readTrade(inputs, o, report, (row) => rows.push(JSON.stringify(keys(row), plain)), filter);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    out.error = { message: err.message, location: err.location, code: err.code };
  }
  out.report = JSON.stringify(report, plain);
  return out;
}

const PARTNERS = [
  'KR',
  'CN',
  'World',
  '"Korea, South"',
  '"Two\nlines"',
  '"Cr\r\nlf"',
  '"Say ""hi"""',
  'Atlantis',
  'MX',
];
const CODES = ['610910', '620342', '8703', '0101', '61', '"6109"', '999999'];
const VALUES = ['100', '2500000', '', 'NA', '0', '"1,000"', '12'];
const BLANKS = ['', '   ', ',,,,', '""', '\t'];

/** A line of the file: a data row, a blank row, or now and then a broken one. */
const line = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(
        fc.constantFrom('2015', '2016'),
        fc.constantFrom(...PARTNERS),
        fc.constantFrom(...CODES),
        fc.constantFrom('imports', 'exports'),
        fc.constantFrom(...VALUES),
      )
      .map((cells) => cells.join(',')),
  },
  { weight: 3, arbitrary: fc.constantFrom(...BLANKS) },
  { weight: 1, arbitrary: fc.constantFrom('2016,KR,610910,imports', '2016,KR,610910,imports,x', '"open') },
);

const file = fc.record({
  bom: fc.boolean(),
  crlf: fc.boolean(),
  finalBreak: fc.boolean(),
  lines: fc.array(line, { minLength: 0, maxLength: 40 }),
  rangeBytes: fc.integer({ min: 1, max: 90 }),
  filter: fc.boolean(),
});

type FileCase = typeof file extends fc.Arbitrary<infer T> ? T : never;

function write(f: FileCase): string {
  const eol = f.crlf ? '\r\n' : '\n';
  const text = ['year,partner,hs_code,flow,value_usd', ...f.lines].join(eol) + (f.finalBreak ? eol : '');
  const path = join(dir, `r${n++}.csv`);
  writeFileSync(path, Buffer.concat([Buffer.from(f.bom ? '\ufeff' : ''), Buffer.from(text)]));
  return path;
}

/** Counts the reads made in ranges, running them on this thread. */
function inThread(count: { reads: number }): (setup: RangeSetup) => RangeRunner {
  return (setup) => {
    count.reads++;
    return new InThreadRunner(setup);
  };
}

describe('reading in ranges gives what one thread gives', () => {
  it('on random files cut into random ranges (on this thread)', async () => {
    const count = { reads: 0 };
    runRangesWith(inThread(count));
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const path = write(f);
        const filter: RowFilter = f.filter ? { category: apparel, flow: 'imports' } : {};
        const one = await read(path, options(1), filter);
        const ranges = await read(path, options(3, f.rangeBytes), filter);
        expect(ranges).toEqual(one);
      }),
      { numRuns: RUNS },
    );
    // Every file was read in ranges (files too short to cut are one range).
    expect(count.reads).toBeGreaterThanOrEqual(RUNS);
  }, 600_000);

  it('through range-reading threads', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const path = write(f);
        const one = await read(path, options(1), {});
        const ranges = await read(path, options(3, f.rangeBytes), {});
        expect(ranges).toEqual(one);
      }),
      { numRuns: 12 },
    );
  });

  it('a cut inside a quoted field is found out and read again from the true record start', async () => {
    // Every cut of 5 bytes lands in the quoted field, whose lines look like rows.
    const quoted = `"${Array.from({ length: 30 }, (_, i) => `2016,KR,6109${i},imports,1`).join('\n')}"`;
    const text = `year,partner,hs_code,flow,value_usd\n2016,${quoted},610910,imports,5\n2016,KR,610910,imports,7\n`;
    const path = join(dir, 'quoted.csv');
    writeFileSync(path, text);
    // The cuts are guesses at line starts inside the field...
    expect(rangeStarts(path, text.length, 5, 0x2c).length).toBeGreaterThan(20);
    runRangesWith(inThread({ reads: 0 }));
    const one = await read(path, options(1), {});
    const ranges = await read(path, options(3, 5), {});
    expect(one.rows).toHaveLength(2);
    expect(ranges).toEqual(one);
  });
});

describe('rangeStarts: where ranges are cut', () => {
  it('cuts at the start of a line that is not blank, never at a byte-order mark', () => {
    const c = 0x2c;
    expect(lineStart(Buffer.from('ab\ncd\n'), c)).toBe(3);
    expect(lineStart(Buffer.from('ab\n\n ,\t\n""\r\ncd\n'), c)).toBe(12);
    expect(lineStart(Buffer.from('ab\n\ufeffx\ncd'), c)).toBe(8);
    expect(lineStart(Buffer.from('ab\n,,,'), c)).toBe(-1);
    expect(lineStart(Buffer.from('abc'), c)).toBe(-1);
  });

  it('gives one range to a file no larger than a range', () => {
    const path = join(dir, 'small.csv');
    writeFileSync(path, 'a,b\n1,2\n');
    expect(rangeStarts(path, 8, 8, 0x2c)).toEqual([0]);
    expect(rangeStarts(path, 8, 2, 0x2c)).toEqual([0, 4]);
  });
});
