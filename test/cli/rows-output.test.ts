import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// --format jsonl: one self-describing record per line (the question's columns, then a row of the result),
// valid against schemas/rows.jsonl.schema.json; the CSV has the same columns, so answers stack.

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../schemas/rows.jsonl.schema.json'), 'utf8'),
);
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validLine = ajv.compile(schema);

const QUESTIONS: Record<string, string[]> = {
  share: ['share', '--category', 'apparel', '--year', '2016', '--partner', 'KR'],
  trend: ['trend', '--category', 'apparel', '--partner', 'KR'],
  breakdown: ['breakdown', '--partner', 'KR', '--year', '2016'],
  balance: ['balance', '--partner', 'KR', '--year', '2017', '--by', 'category'],
};

/** CSV as records of cells, as a reader of the file gets them. */
const csvRows = (text: string): string[][] => parse(text, { relax_column_count: false });

describe('--format jsonl', () => {
  for (const [command, argv] of Object.entries(QUESTIONS)) {
    it(`${command}: every line is one record valid against the schema, the CSV's rows keyed by its header`, async () => {
      const jsonl = await run([...argv, '--format', 'jsonl', '--quiet']);
      const csv = await run([...argv, '--format', 'csv', '--quiet']);
      expect(jsonl.code).toBe(0);
      const lines = jsonl.stdout.trimEnd().split('\n');
      const [header = [], ...rows] = csvRows(csv.stdout);
      expect(lines).toHaveLength(rows.length);
      expect(rows.length).toBeGreaterThan(0);
      for (const [i, line] of lines.entries()) {
        const record = JSON.parse(line);
        expect(validLine(record), JSON.stringify(validLine.errors)).toBe(true);
        expect(record.command).toBe(command);
        expect(Object.keys(record)).toEqual(['command', ...header]);
        // Each value is the CSV's cell: a number as its digits, text as written, null as an empty cell.
        expect(header.map((h) => (record[h] === null ? '' : String(record[h])))).toEqual(rows[i]);
      }
    });
  }

  it('a record that lacks a column its command always has is refused by the schema', async () => {
    const r = await run([...(QUESTIONS.share as string[]), '--format', 'jsonl', '--quiet']);
    const record = JSON.parse(r.stdout.split('\n')[0] as string);
    delete record.basis;
    expect(validLine(record)).toBe(false);
  });
});

describe('CSV with the question on every row', () => {
  it('share for two years stacks into one table: the same header, each row saying its year', async () => {
    const years = ['2016', '2017'];
    const outs = await Promise.all(
      years.map((y) => run(['share', '--category', 'apparel', '--year', y, '--format', 'csv', '--quiet'])),
    );
    const tables = outs.map((o) => csvRows(o.stdout));
    expect(tables[0]?.[0]).toEqual(tables[1]?.[0]);
    const header = tables[0]?.[0] ?? [];
    expect(header.slice(0, 6)).toEqual(['year', 'period', 'category', 'flow', 'reporter', 'basis']);
    for (const [i, t] of tables.entries()) {
      expect(t.length).toBeGreaterThan(1);
      for (const row of t.slice(1)) expect(row[0]).toBe(years[i]);
    }
  });
});
