import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_SIZES, memoryInput, READERS, type ReaderName, readAll, useReader } from './helpers.js';

// csv-spectrum ships csvs/NAME.csv with the expected records in json/NAME.json (objects keyed by header).
const root = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
// location_coordinates is broken upstream: its JSON is a bare object and its phone number differs from the CSV.
const SKIP = new Set(['location_coordinates']);
const cases = readdirSync(join(root, 'csvs'))
  .filter((f) => f.endsWith('.csv'))
  .map((f) => basename(f, '.csv'))
  .filter((name) => !SKIP.has(name))
  .sort();

describe.each(Object.keys(READERS) as ReaderName[])('%s', (reader) => {
  beforeAll(() => useReader(reader));

  describe('csv-spectrum', () => {
    it('finds the suite (11 cases once location_coordinates is left out)', () => {
      expect(cases).toHaveLength(11);
      expect(cases).toContain('quotes_and_newlines');
      expect(cases).toContain('newlines_crlf');
    });

    it.each(cases)('%s', async (name) => {
      const csv = readFileSync(join(root, 'csvs', `${name}.csv`));
      const expected = JSON.parse(readFileSync(join(root, 'json', `${name}.json`), 'utf8')) as Record<
        string,
        string
      >[];
      const whole = await readAll(memoryInput(`${name}.csv`, csv));
      expect(whole.error).toBeUndefined();
      const [header, ...rows] = whole.records;
      expect(header?.line).toBe(1);
      const objects = rows.map((r) =>
        Object.fromEntries((header?.fields ?? []).map((h, i) => [h, r.fields[i]] as const)),
      );
      expect(objects).toEqual(expected);
      for (const r of rows) expect(r.fields).toHaveLength(header?.fields.length ?? -1);
      // Every record starts on a later line than the one before.
      for (let i = 1; i < whole.records.length; i++) {
        expect(whole.records[i]?.line).toBeGreaterThan(whole.records[i - 1]?.line ?? 0);
      }
      for (const size of CHUNK_SIZES) {
        expect(await readAll(memoryInput(`${name}.csv`, csv, size)), `chunk size ${size}`).toEqual(whole);
      }
    });

    it('line numbers follow the physical lines of the multi-line cases', async () => {
      const read = async (name: string) =>
        (await readAll(memoryInput(name, readFileSync(join(root, 'csvs', `${name}.csv`))))).records.map(
          (r) => r.line,
        );
      expect(await read('newlines')).toEqual([1, 2, 3, 5]);
      expect(await read('newlines_crlf')).toEqual([1, 2, 3, 5]);
      expect(await read('quotes_and_newlines')).toEqual([1, 2, 5]);
    });
  });
});
