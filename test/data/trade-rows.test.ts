import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFlow } from '../../src/catalog/flows.js';
import type { InputSource } from '../../src/data/inputs.js';
import { DEFAULT_MISSING_MARKERS } from '../../src/data/numbers.js';
import type { ReadOptions } from '../../src/data/read-options.js';
import { resolveInputs } from '../../src/data/resolve-inputs.js';
import { readTradeRows } from '../../src/data/trade-rows.js';
import { CsvSyntaxError, InputError } from '../../src/errors.js';
import { newReport, type ReadReport, type TradeRow } from '../../src/model/rows.js';
import { canonical } from '../../src/sources/canonical.js';
import { memoryInput } from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/data/', import.meta.url));

const OPTIONS: ReadOptions = {
  dialect: { delimiter: ',', encoding: 'utf8' },
  numbers: { decimal: '.' },
  missing: DEFAULT_MISSING_MARKERS,
  // npm test runs this suite once per parser.
  parser: (process.env.KORUS_PARSER as ReadOptions['parser']) ?? 'auto',
};

interface Outcome {
  rows: TradeRow[];
  report: ReadReport;
  error?: InputError;
}

async function readInputs(inputs: InputSource[], options: ReadOptions = OPTIONS): Promise<Outcome> {
  const report: ReadReport = newReport();
  const rows: TradeRow[] = [];
  try {
    for await (const row of readTradeRows(inputs, options, report)) rows.push(row);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { rows, report, error: err };
  }
  return { rows, report };
}

/** Reads fixture files by name (shown in messages as given, relative to the fixture folder). */
async function read(names: string | string[], options: ReadOptions = OPTIONS): Promise<Outcome> {
  const inputs = await resolveInputs([names].flat(), FIXTURES, process.stdin);
  return readInputs(inputs, options);
}

describe('readTradeRows: reading well-formed files', () => {
  it('reads a file with a UTF-8 BOM (the first header is found)', async () => {
    const { rows, report, error } = await read('bom.csv');
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.line, r.year, r.partner.code, r.category, r.value])).toEqual([
      [2, 2023, 'KR', 'apparel', 100],
      [3, 2023, 'WLD', 'apparel', 1000],
    ]);
    expect(rows[1]?.partner.kind).toBe('world');
    expect(report.files).toHaveLength(1);
    expect(report.files[0]).toMatchObject({ name: 'bom.csv', rows: 2, blankLines: [] });
    expect(report.files[0]?.columns).toMatchObject({
      year: 'year',
      partner: 'partner',
      category: 'category',
      value: 'value',
    });
    expect(report.rowsRead).toBe(2);
  });

  it('reads CRLF files: values are not left with a \\r, HS codes keep their leading zero', async () => {
    const { rows, error } = await read('crlf.csv');
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.line, r.partner.code, r.code, r.value])).toEqual([
      [2, 'MX', '6109', 1500],
      [3, 'CA', '0101', 200],
    ]);
    expect(rows[0]?.category).toBeUndefined();
  });

  it('reads an LF header followed by CRLF rows', async () => {
    const { rows, error } = await read('mixed-endings.csv');
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.line, r.value])).toEqual([
      [2, 1500],
      [3, 200],
    ]);
  });

  it('reads a quoted "Korea, South" partner, NFD names and padded names', async () => {
    const { rows, error } = await read('quoted-partner.csv');
    expect(error).toBeUndefined();
    expect(rows.map((r) => r.partner)).toEqual([
      { kind: 'country', code: 'KR', name: 'South Korea' },
      { kind: 'country', code: 'CI', name: "Côte d'Ivoire" },
      { kind: 'country', code: 'VN', name: 'Vietnam' },
    ]);
    expect(rows[0]?.value).toBe(123.45);
  });

  it('fills the fixed fields of a row', async () => {
    const { rows } = await read('bom.csv');
    expect(rows[0]).toEqual({
      file: 'bom.csv',
      line: 2,
      year: 2023,
      month: 0,
      cumulative: false,
      partner: { kind: 'country', code: 'KR', name: 'South Korea' },
      value: 100,
      column: 4,
      marker: undefined,
      category: 'apparel',
      code: undefined,
      reporter: '',
      flow: undefined,
      source: '',
      basis: undefined,
      definition: undefined,
      valueScale: 0,
    });
  });

  it('reads codes, flows, reporters and sources; a partner code wins, a name rescues an unknown code', async () => {
    const { rows, error } = await read('codes.csv');
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.partner.code, r.flow, r.reporter, r.source, r.code])).toEqual([
      ['KR', 'imports', 'US', 'Census', '6109'],
      ['MX', 'imports', 'US', 'Census', '6110'], // code 999 is unknown: the name Mexico is used
      ['NA', 'imports', 'US', 'Census', '6110'], // partner code NA is Namibia, not a missing marker
    ]);
    expect(rows[2]?.value).toBe(30);
  });

  it('reads several files in order, with one report entry each', async () => {
    const { rows, report, error } = await read(['bom.csv', 'crlf.csv']);
    expect(error).toBeUndefined();
    expect(rows.map((r) => `${r.file}:${r.line}`)).toEqual([
      'bom.csv:2',
      'bom.csv:3',
      'crlf.csv:2',
      'crlf.csv:3',
    ]);
    expect(report.files.map((f) => [f.name, f.rows])).toEqual([
      ['bom.csv', 2],
      ['crlf.csv', 2],
    ]);
    expect(report.rowsRead).toBe(4);
  });
});

describe('readTradeRows: missing and suppressed values', () => {
  it('counts (D), NA, empty and the other default markers as no value, keeping the marker', async () => {
    const { rows, report, error } = await read('suppressed.csv');
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.line, r.partner.code, r.value, r.marker])).toEqual([
      [2, 'MX', undefined, '(D)'],
      [3, 'CA', undefined, 'NA'],
      [4, 'JP', undefined, ''],
      [5, 'NA', 50, undefined], // Namibia, with a value
      [6, 'CL', undefined, 'n/a'], // markers match trimmed and case-insensitively
      [7, 'PE', undefined, '..'],
      [8, 'ES', undefined, ':'],
      [9, 'IT', 0, undefined], // 0 is a value, not a marker
    ]);
    expect(report.rowsRead).toBe(8);
    expect(report.files[0]?.rows).toBe(8);
  });

  it('uses the configured markers only', async () => {
    const { rows, error } = await read('suppressed.csv', {
      ...OPTIONS,
      missing: ['', '(D)', 'NA', 'N/A', ':', '..'],
    });
    expect(error).toBeUndefined();
    expect(rows.filter((r) => r.value === undefined)).toHaveLength(6);

    const strict = await read('suppressed.csv', { ...OPTIONS, missing: [''] });
    expect(strict.rows).toHaveLength(0);
    expect(strict.error?.code).toBe('bad-number');
    expect(strict.error?.location).toEqual({ file: 'suppressed.csv', line: 2, column: 4 });
    expect(strict.error?.message).toContain('"(D)"');
    expect(strict.error?.hint).toContain('--missing');
  });
});

describe('readTradeRows: value units', () => {
  it('scales a value_usd_million column to dollars exactly', async () => {
    const { rows, report, error } = await read('millions.csv');
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.partner.code, r.value, r.valueScale])).toEqual([
      ['KR', 80713830000, 6],
      ['WLD', 70000, 6],
    ]);
    expect(report.files[0]?.unit).toContain('million');
    expect(report.files[0]?.columns.value).toBe('value_usd_million');
  });

  it('--unit overrides the unit a header states', async () => {
    const { rows, report } = await read('millions.csv', { ...OPTIONS, unit: 'thousand' });
    expect(rows[0]?.value).toBe(80713830);
    expect(rows[0]?.valueScale).toBe(3);
    expect(report.files[0]?.unit).toBe('--unit thousand');
  });

  it('a plain value column is taken as dollars', async () => {
    const { report } = await read('bom.csv');
    expect(report.files[0]?.unit).toContain('US dollars');
  });
});

describe('readTradeRows: blank rows', () => {
  it('reports blank rows in the middle and accepts trailing blank lines silently', async () => {
    const { rows, report, error } = await read('blank-rows.csv');
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.line, r.value])).toEqual([
      [2, 1],
      [6, 2],
    ]);
    expect(report.files[0]?.blankLines).toEqual([3, 4, 5]);
    expect(report.files[0]?.rows).toBe(2);
    expect(report.rowsRead).toBe(2);
  });
});

describe('readTradeRows: structural errors', () => {
  it('a ragged row (an unquoted "Korea, South") names file:line:column', async () => {
    const { rows, error } = await read('ragged.csv');
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(error).toBeInstanceOf(InputError);
    expect(error?.code).toBe('ragged-row');
    expect(error?.location).toEqual({ file: 'ragged.csv', line: 3, column: 5 });
    expect(error?.message).toBe('ragged.csv:3:5: row has 5 fields, the header has 4');
    expect(error?.hint).toContain('quote the value');
    expect(error?.exitCode).toBe(2);
  });

  it('a short row names the first missing column', async () => {
    const { rows, error } = await read('ragged-short.csv');
    expect(rows).toHaveLength(1);
    expect(error?.code).toBe('ragged-row');
    expect(error?.message).toBe('ragged-short.csv:3:4: row has 3 fields, the header has 4');
  });

  it('an unquoted decimal comma is a ragged row', async () => {
    const { error } = await read('decimal-comma-ragged.csv');
    expect(error?.location).toEqual({ file: 'decimal-comma-ragged.csv', line: 2, column: 5 });
  });

  it('an empty file (0 bytes)', async () => {
    const { rows, report, error } = await read('empty.csv');
    expect(rows).toEqual([]);
    expect(report.files).toEqual([]);
    expect(error?.code).toBe('empty-file');
    expect(error?.message).toBe('empty.csv: empty file (0 bytes): no header and no rows');
  });

  it('a header-only file', async () => {
    const { rows, error } = await read('header-only.csv');
    expect(rows).toEqual([]);
    expect(error?.code).toBe('no-rows');
    expect(error?.location).toEqual({ file: 'header-only.csv', line: 2 });
    expect(error?.message).toContain('no data rows');
  });

  it('a header followed only by blank lines has no data rows', async () => {
    const { error } = await read('header-blank-lines.csv');
    expect(error?.code).toBe('no-rows');
  });

  it('an empty file after a good one is still reported, after the good rows', async () => {
    const { rows, error } = await read(['bom.csv', 'empty.csv']);
    expect(rows).toHaveLength(2);
    expect(error?.location.file).toBe('empty.csv');
  });

  it('a non-numeric value names line and column, with a thousands hint for "1,234"', async () => {
    const { rows, error } = await read('bad-number.csv');
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(error?.code).toBe('bad-number');
    expect(error?.location).toEqual({ file: 'bad-number.csv', line: 3, column: 4 });
    expect(error?.message).toBe('bad-number.csv:3:4: value "1,234" is not a number');
    expect(error?.hint).toBe('it has thousands separators: pass --thousands ,');
  });

  it('"1,234" is read when --thousands , is given', async () => {
    const { rows, error } = await read('bad-number.csv', {
      ...OPTIONS,
      numbers: { decimal: '.', thousands: ',' },
    });
    expect(error).toBeUndefined();
    expect(rows.map((r) => r.value)).toEqual([10, 1234]);
  });

  it('no value column: the message lists every alias tried', async () => {
    const { rows, error } = await read('no-value.csv');
    expect(rows).toEqual([]);
    expect(error?.code).toBe('missing-column');
    expect(error?.location).toMatchObject({ file: 'no-value.csv', line: 1 });
    expect(error?.message).toContain('no value column (looked for: ');
    for (const alias of canonical.columns.value ?? []) expect(error?.message).toContain(alias);
    expect(error?.hint).toContain('amount');
    expect(error?.hint).toContain('--columns value=HEADER');
  });

  it('--columns names a value column the aliases miss', async () => {
    const { rows, error } = await read('no-value.csv', { ...OPTIONS, columns: { value: 'amount' } });
    expect(error).toBeUndefined();
    expect(rows.map((r) => r.value)).toEqual([5]);
  });

  it('a year that is not four digits', async () => {
    const { error } = await read('bad-year.csv');
    expect(error?.location).toEqual({ file: 'bad-year.csv', line: 2, column: 1 });
    expect(error?.message).toContain('year "23" is not a four-digit year');
  });

  it('a flow that is not a trade flow', async () => {
    const { error } = await read('bad-flow.csv');
    expect(error?.location).toEqual({ file: 'bad-flow.csv', line: 2, column: 5 });
    expect(error?.message).toContain('flow "sideways"');
  });

  it('an empty partner', async () => {
    const { error } = await read('empty-partner.csv');
    expect(error?.location).toEqual({ file: 'empty-partner.csv', line: 2, column: 2 });
    expect(error?.message).toContain('partner is empty');
  });

  it('a blank first line is not taken for the header', async () => {
    const { error } = await readInputs([
      memoryInput('b.csv', '\nyear,partner,category,value\n2023,MX,apparel,1\n'),
    ]);
    expect(error?.location).toEqual({ file: 'b.csv', line: 1 });
    expect(error?.message).toContain('the first line is blank');
  });

  it('a duplicate value column is an error naming both columns', async () => {
    const { rows, error } = await readInputs([
      memoryInput('d.csv', 'year,partner,category,value,Value\n2023,MX,apparel,1,2\n'),
    ]);
    expect(rows).toEqual([]);
    expect(error?.location).toEqual({ file: 'd.csv', line: 1, column: 5 });
    expect(error?.message).toContain('duplicate column');
    expect(error?.message).toContain('columns 4 and 5');
  });

  it('a title line above the header', async () => {
    const { error } = await read('title-row.csv');
    expect(error?.code).toBe('title-row');
    expect(error?.hint).toContain('--skip-lines 1');
    expect(error?.location).toMatchObject({ file: 'title-row.csv', line: 1 });
    expect(error?.message).toContain('looks like a title');
  });

  it('a ;-separated file read with "," says so', async () => {
    const { error } = await read('semicolon.csv');
    expect(error?.code).toBe('missing-column');
    expect(error?.message).toContain(';-separated');
    expect(error?.hint).toContain("--delimiter ';'");
  });

  it('a ;-separated file with decimal commas reads with --delimiter ; --decimal , --thousands .', async () => {
    const { rows, error } = await read('semicolon.csv', {
      ...OPTIONS,
      dialect: { delimiter: ';', encoding: 'utf8' },
      numbers: { decimal: ',', thousands: '.' },
    });
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.partner.code, r.value])).toEqual([
      ['MX', 1.5],
      ['KR', 1234.5],
    ]);
  });
});

describe('readTradeRows: encoding problems surface with their line', () => {
  const header = 'year,partner,category,value\n';

  it('invalid UTF-8 at line 3: row 2 first, then an InputError at line 3', async () => {
    const buf = Buffer.concat([
      Buffer.from(`${header}2023,Mexico,apparel,1\n2023,C`),
      Buffer.from([0xf4]),
      Buffer.from('te,apparel,2\n'),
    ]);
    for (const size of [1, 3, 0]) {
      const { rows, error } = await readInputs([memoryInput('l1.csv', buf, size)]);
      expect(
        rows.map((r) => r.line),
        `chunk size ${size}`,
      ).toEqual([2]);
      expect(error?.code, `chunk size ${size}`).toBe('encoding');
      expect(error?.message, `chunk size ${size}`).toMatch(/^l1\.csv:3: invalid UTF-8 \(byte 0xF4\)/);
    }
  });

  it('the same bytes read as latin1', async () => {
    const buf = Buffer.from(`${header}2023,C\xf4te d'Ivoire,apparel,2\n`, 'latin1');
    const { rows, error, report } = await readInputs([memoryInput('l1.csv', buf)], {
      ...OPTIONS,
      dialect: { delimiter: ',', encoding: 'latin1' },
    });
    expect(error).toBeUndefined();
    expect(rows[0]?.partner).toMatchObject({ kind: 'country', code: 'CI' });
    expect(report.files[0]?.encoding).toBe('latin1');
  });

  it('a UTF-16LE file is read by its BOM and reported as utf16le', async () => {
    const buf = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`${header}2023,"Korea, South",apparel,5\r\n`, 'utf16le'),
    ]);
    const { rows, report, error } = await readInputs([memoryInput('u16.csv', buf, 3)]);
    expect(error).toBeUndefined();
    expect(rows.map((r) => [r.line, r.partner.code, r.value])).toEqual([[2, 'KR', 5]]);
    expect(report.files[0]?.encoding).toBe('utf16le');
  });

  it('an unclosed quote is reported at the line where it opens', async () => {
    const { rows, error } = await readInputs([
      memoryInput(
        'q.csv',
        `${header}2023,Mexico,apparel,1\n2023,"Korea, South,apparel,2\n2023,Japan,apparel,3\n`,
      ),
    ]);
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(error?.code).toBe('csv-syntax');
    expect(error instanceof CsvSyntaxError && error.syntax).toBe('CSV_QUOTE_NOT_CLOSED');
    expect(error?.location).toMatchObject({ file: 'q.csv', line: 3 });
  });
});

describe('parseFlow', () => {
  it.each([
    ['M', 'imports'],
    ['1', 'imports'],
    [' Imports ', 'imports'],
    ['General Imports', 'imports'],
    ['X', 'exports'],
    ['2', 'exports'],
    ['RX', 're-exports'],
    ['3', 're-exports'],
    ['RM', 're-imports'],
    ['4', 're-imports'],
  ])('%j is %s', (text, flow) => {
    expect(parseFlow(text)).toBe(flow);
  });

  it('unknown text is no flow', () => {
    expect(parseFlow('sideways')).toBeUndefined();
    expect(parseFlow('')).toBeUndefined();
    expect(parseFlow('5')).toBeUndefined();
  });
});
