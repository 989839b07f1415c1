import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from '../../src/data/read-csv.js';
import { scanCsvRecords } from '../../src/data/scan-records.js';
import { memoryInput, type ReadOutcome, readAll } from './helpers.js';

// The byte scanner (fast path) must read every input exactly as csv-parse (the reference) does: the same
// records, the same line numbers, and the same error (code, line, column) on malformed input, however the
// input is cut into chunks. fast-check generates the inputs; a failure prints the smallest one it finds.

const RUNS = Number(process.env.DIFF_RUNS ?? 2500);

/** Field text: letters, digits, spaces, non-ASCII, and the characters that need quoting. */
const fieldChar = fc.constantFrom('a', 'b', '1', '0', ' ', 'é', '€', '𝄞', ',', '"', '\n', '\r', ';');
const fieldText = fc.array(fieldChar, { maxLength: 6 }).map((cs) => cs.join(''));

/** A well-formed field: plain when it can be, else quoted with inner quotes doubled (sometimes quoted anyway). */
const field = fc
  .tuple(fieldText, fc.boolean())
  .map(([text, forceQuote]) =>
    forceQuote || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text,
  );

const lineEnd = fc.constantFrom('\n', '\r\n', '\r');

/** Well-formed CSV: records of 1-4 fields, mixed line endings, an optional BOM and final line break. */
const wellFormed = fc
  .tuple(
    fc.array(fc.tuple(fc.array(field, { minLength: 1, maxLength: 4 }), lineEnd), { maxLength: 8 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([records, bom, finalBreak]) => {
    let text = records.map(([fields, end]) => fields.join(',') + end).join('');
    if (!finalBreak && records.length) text = text.replace(/(\r\n|\r|\n)$/, '');
    return (bom ? '\ufeff' : '') + text;
  });

/** Anything at all from the CSV-relevant alphabet: mostly malformed (stray and unclosed quotes). */
const anyText = fc
  .array(fc.constantFrom('a', '1', ',', '"', '""', '\n', '\r', '\r\n', ' ', 'é', '\ufeff'), { maxLength: 40 })
  .map((cs) => cs.join(''));

/** Well-formed CSV with one character changed: the malformed inputs real files have. */
const mutated = fc
  .tuple(wellFormed, fc.nat(), fc.constantFrom('"', ',', '\n', '\r', 'x', ''))
  .map(([text, at, ch]) => {
    const chars = [...text];
    if (!chars.length) return ch;
    const i = at % chars.length;
    chars.splice(i, 1, ch);
    return chars.join('');
  });

/** Invalid UTF-8 or a NUL byte somewhere in otherwise good text. */
const badBytes = fc
  .tuple(wellFormed, fc.nat(), fc.constantFrom([0xff], [0xe9], [0xc3, 0x28], [0x00], [0xe2, 0x82]))
  .map(([text, at, bytes]) => {
    const buf = Buffer.from(text, 'utf8');
    const i = buf.length ? at % (buf.length + 1) : 0;
    return Buffer.concat([buf.subarray(0, i), Buffer.from(bytes), buf.subarray(i)]);
  });

const chunkSize = fc.constantFrom(0, 1, 2, 3, 7, 64);

async function both(input: string | Buffer, size: number): Promise<[ReadOutcome, ReadOutcome]> {
  const reference = await readAll(memoryInput('p.csv', input, size), undefined, readCsvRecords);
  const scanned = await readAll(memoryInput('p.csv', input, size), undefined, scanCsvRecords);
  return [scanned, reference];
}

describe('the byte scanner reads exactly as csv-parse does', () => {
  it.each([
    ['well-formed CSV', wellFormed],
    ['arbitrary text (mostly malformed)', anyText],
    ['well-formed CSV with one character changed', mutated],
  ] as const)('%s', async (_, inputs) => {
    await fc.assert(
      fc.asyncProperty(inputs, chunkSize, async (text, size) => {
        const [scanned, reference] = await both(text, size);
        expect(scanned).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });

  it('bad bytes: invalid UTF-8 and NUL', async () => {
    await fc.assert(
      fc.asyncProperty(badBytes, chunkSize, async (buf, size) => {
        const [scanned, reference] = await both(buf, size);
        expect(scanned).toEqual(reference);
      }),
      { numRuns: RUNS },
    );
  });

  it('the generators do reach the cases that matter', () => {
    // Guard against a generator that quietly stops producing quotes, line breaks or errors.
    const sample = fc.sample(fc.oneof(wellFormed, anyText, mutated), { numRuns: 2000, seed: 42 });
    expect(sample.some((t) => t.includes('""'))).toBe(true);
    expect(sample.some((t) => /"[^"]*\r\n[^"]*"/.test(t))).toBe(true);
    expect(sample.some((t) => t.startsWith('\ufeff'))).toBe(true);
  });

  it('both report errors, and the same ones, on the malformed samples', async () => {
    const sample = fc.sample(anyText, { numRuns: 300, seed: 7 });
    const codes = new Set<string>();
    for (const text of sample) {
      const [scanned, reference] = await both(text, 0);
      expect(scanned).toEqual(reference);
      if (reference.error) codes.add(reference.error.syntax ?? reference.error.code);
    }
    expect([...codes].sort()).toEqual([
      'CSV_INVALID_CLOSING_QUOTE',
      'CSV_QUOTE_NOT_CLOSED',
      'INVALID_OPENING_QUOTE',
    ]);
  });
});
