// Census (and Comtrade) JSON answers: streamed with bounded nesting, rows equal to a plain sum over the
// file, cells kept as the file writes them whatever the chunk boundaries.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonTable } from '../../src/data/json-table.js';
import { InputError } from '../../src/errors.js';
import { run } from '../helpers.js';

const HEADER = [
  'CTY_CODE',
  'CTY_NAME',
  'GEN_VAL_MO',
  'GEN_VAL_YR',
  'I_COMMODITY',
  'COMM_LVL',
  'SUMMARY_LVL',
  'YEAR',
  'MONTH',
];
const PARTNERS = [
  ['5800', 'KOREA, SOUTH', 'KR'],
  ['5700', 'CHINA', 'CN'],
  ['5520', 'VIETNAM', 'VN'],
  ['1220', 'CANADA', 'CA'],
];
const dir = mkdtempSync(join(tmpdir(), 'korus-json-'));

/** Reads a text through JsonTable in chunks of `size` bytes: the rows, or the error's message. */
function table(text: string | Buffer, size: number): Array<[number, ...string[]]> | string {
  const rows: Array<[number, ...string[]]> = [];
  const t = new JsonTable('t.json', (fields, line) => rows.push([line, ...fields]));
  const bytes = Buffer.from(text);
  try {
    for (let i = 0; i < bytes.length; i += size) t.write(bytes.subarray(i, i + size));
    t.end();
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.message;
  }
  return rows;
}

describe('a Census JSON answer of some megabytes', () => {
  // Every (partner, HS-10 code) once, December year-to-date rows: the year's figure is the plain sum.
  const rows: string[][] = [];
  const expected = new Map<string, number>();
  let x = 2016;
  for (const [code, name, iso] of PARTNERS) {
    for (let k = 0; k < 6000; k++) {
      x = (x * 48271) % 2147483647;
      const value = x % 100_000_000;
      const hs = `${k % 2 ? '61' : '62'}${String(k).padStart(8, '0')}`;
      rows.push([
        code as string,
        name as string,
        String(value % 1000),
        String(value),
        hs,
        'HS10',
        'DET',
        '2016',
        '12',
      ]);
      expected.set(iso as string, (expected.get(iso as string) ?? 0) + value);
    }
  }
  const file = join(dir, 'census.json');
  // One row a line, as the API answers.
  writeFileSync(file, `[${[HEADER, ...rows].map((r) => JSON.stringify(r)).join(',\n')}]\n`);

  it('gives each partner the plain sum of its rows, the total their sum', async () => {
    const r = await run([
      'share',
      '--data',
      file,
      '--category',
      'apparel',
      '--year',
      '2016',
      '--json',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const got = new Map<string, number>(
      out.rows
        .filter((p: { kind: string }) => p.kind === 'partner')
        .map((p: { code: string; valueUsd: number }) => [p.code, p.valueUsd]),
    );
    expect(got).toEqual(expected);
    expect(out.total.valueUsd).toBe([...expected.values()].reduce((a, b) => a + b, 0));
  });

  it('reads the same from standard input', async () => {
    const { readFileSync } = await import('node:fs');
    const argv = ['share', '--data', '-', '--category', 'apparel', '--year', '2016', '--json', '--quiet'];
    const piped = await run(argv, { stdin: readFileSync(file) });
    const fromFile = await run(['share', '--data', file, ...argv.slice(3)]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(JSON.parse(piped.stdout).rows).toEqual(JSON.parse(fromFile.stdout).rows);
  });
});

describe('nesting', () => {
  it('refuses 100,000 nested arrays where the first row opens, exit 2, no stack overflow', async () => {
    const file = join(dir, 'deep.json');
    writeFileSync(file, '['.repeat(100_000) + ']'.repeat(100_000));
    const r = await run(['share', '--data', file, '--category', 'apparel']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `korus-stats: error: ${file}:1:3: row 1: a cell is an array: the table would nest 3 deep, where 2 is the most`,
    );
  });

  it('bounds what a {"data": [...]} answer holds beside its rows', () => {
    const text = `{"meta": ${'['.repeat(100_000)}`;
    expect(table(text, 4096)).toBe('t.json:1:25: JSON nested more than 16 deep');
  });
});

describe('cells split across chunk boundaries', () => {
  const text =
    '[["name","value","note"],\n' +
    '["Côte d\'Ivoire", 1.50, "a \\"quoted\\" \\u00e9 word"],\n' +
    '["日本", 12345678901234567890123, null],\n' +
    '["\\ud83d\\ude00 x", -0.5e-3, true]]';
  const want = [
    [1, 'name', 'value', 'note'],
    [2, "Côte d'Ivoire", '1.50', 'a "quoted" é word'],
    [3, '日本', '12345678901234567890123', ''],
    [4, '😀 x', '-0.5e-3', 'true'],
  ];

  it('keeps strings, UTF-8 characters and numbers whole, numbers as written, at every chunk size', () => {
    for (let size = 1; size <= 9; size++) expect(table(text, size), `chunks of ${size}`).toEqual(want);
    expect(table(text, 1 << 16)).toEqual(want);
  });

  it('places an error at its line and column whatever the chunk size', () => {
    const bad = '[["a","b"],\n["é", "x" "y"]]';
    for (const size of [1, 2, 5, 100])
      expect(table(bad, size)).toBe(
        't.json:2:11: not valid JSON: a string where "," or the closing bracket was expected',
      );
  });
});

describe('faults, each at its place', () => {
  const cases: Array<[string, string]> = [
    ['[["a"],\n ["b"]', 't.json:2:7: the JSON text ends with 1 bracket not closed (is the file cut short?)'],
    ['[["a"],\n ["b"], ]', 't.json:2:9: not valid JSON: "]" where a value was expected'],
    ['[["a"],\n 5]', 't.json:2:2: element 2 of the table is not an array: expected a table, header first'],
    [
      '[["a\nb"]]',
      't.json:1:5: not valid JSON: a control character (U+000A) inside a string, where JSON writes it escaped (\\n, \\t, \\u0000)',
    ],
    ['[["a"],\n {"a": 1}]', 't.json:2:2: row 2 is an object, the rows before it arrays'],
    ['[{"a": 1},\n {"b": 2}]', 't.json:2:3: row 2 has the field "b", which the first row has not'],
    ['[{"a": 1, "a": 2}]', 't.json:1:11: row 1 has the field "a" twice'],
    ['{"count": 0}', 't.json:1:1: expected a JSON array of arrays or of objects'],
    ['[["a"]] [["b"]]', 't.json:1:9: not valid JSON: "[" after the end of the JSON value'],
    ['', 't.json:1:1: no JSON value: the text is empty'],
  ];
  it.each(cases)('%j', (text, message) => {
    expect(table(text, 3)).toBe(message);
  });

  it('reads a Comtrade answer: the header from the first object, missing fields empty', () => {
    const text = '{"count": 2, "data": [\n{"a": 1, "b": "x"},\n{"b": "y"}], "error": ""}';
    expect(table(text, 2)).toEqual([
      [2, 'a', 'b'],
      [2, '1', 'x'],
      [3, '', 'y'],
    ]);
  });

  it("passes the row reader's own errors through, not as JSON faults", () => {
    const t = new JsonTable('t.json', () => {
      throw new RangeError('the reader refused the row');
    });
    expect(() => t.write(Buffer.from('[["a"]]'))).toThrow(new RangeError('the reader refused the row'));
  });

  it('refuses a row longer than 1 MiB at its start', () => {
    const text = `[["a"],\n[${'"xxxxxxxx",'.repeat(100_000)}"x"]]`;
    expect(table(text, 1 << 16)).toBe('t.json:2:1: row 2 is longer than 1 MiB');
  });

  it('refuses a string longer than 1 MiB', () => {
    const text = `[["${'x'.repeat(3 << 20)}"]]`;
    expect(table(text, 1 << 16)).toMatch(/^t\.json:1:3: no JSON value ends within 1 MiB from here/);
  });
});

describe('an empty answer', () => {
  it('[] is read as JSON with no rows, not as a CSV whose header is "[]"', async () => {
    const file = join(dir, 'empty.json');
    writeFileSync(file, '[]\n');
    const r = await run(['share', '--data', file, '--category', 'apparel']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`korus-stats: error: ${file}: no header and no rows in its 3 bytes`);
  });
});
