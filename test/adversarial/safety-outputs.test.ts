import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// Data, file names and config files that hold every C0 control (NUL aside: a file with one is refused as
// binary, and no file name holds one), DEL, every C1 control, U+FFFE/U+FFFF, bidi overrides, markup,
// quotes, `|`, formulas and newlines that would start GitHub workflow commands.
const C0 = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).join('');
const C1 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)).join('');
const EVIL = `=cmd|x ${C0} \x7f ${C1} \ufffe\uffff \u202e\u2066 <b>&amp; ]]> "q" 's\n::error::forged\r\n::add-mask::x`;
// A file name may hold anything but / and NUL.
const EVIL_FILE = `bad ${C0} \x7f ${C1} \ufffe\uffff \u202e <&]]> "q' | =cmd\n::error::forged.csv`;

const csvCell = (s: string) => `"${s.replace(/"/g, '""')}"`;

let dir: string;
let data: string;
let cats: string;
let rules: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'korus-safety-'));
  data = join(dir, EVIL_FILE);
  const rows = [
    'year,partner,hs_code,value_usd,category',
    '2020,World,6109,1000,evil',
    '2020,CN,6109,500,evil',
    `2020,${csvCell(EVIL)},6109,300,evil`,
    `2020,${csvCell(`+${EVIL}`)},6109,100,evil`,
    `2020,${csvCell(`@${EVIL}`)},6109,50,evil`,
    '2020,-5,6109,25,evil',
    '2021,World,6109,1100,evil',
    '2021,CN,6109,600,evil',
    `2021,${csvCell(EVIL)},6109,200,evil`,
    `2021,${csvCell(`-${EVIL}`)},6109,100,evil`,
    '2021,-5,6109,25,evil',
    '2021,-1.5e3,6109,10,evil',
  ];
  writeFileSync(data, `${rows.join('\n')}\n`);
  cats = join(dir, 'cats.json');
  writeFileSync(
    cats,
    JSON.stringify({
      categories: [{ name: 'evil', label: `Evil ${EVIL}`, hs: ['61'], note: `note ${EVIL}` }],
    }),
  );
  rules = join(dir, 'rules.json');
  const rule = (name: string, max: number) => ({
    name,
    type: 'share',
    category: 'evil',
    year: 2021,
    partner: 'CN',
    max,
  });
  writeFileSync(
    rules,
    JSON.stringify({
      data: [EVIL_FILE],
      rules: [rule(`fails ${EVIL}`, 0.01), rule(`passes ${EVIL}`, 0.99), rule(`also fails ${EVIL}`, 0.1)],
    }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Control characters a terminal acts on (LF aside, which every output ends its lines with). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: hostile text is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function expectTerminalSafe(text: string): void {
  // Colour is chalk's own SGR sequences only: with those taken out, no control character is left.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: hostile text is the point
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  expect(plain).not.toMatch(RAW_CONTROL);
  expect(plain).not.toMatch(/[\ufffe\uffff]/);
  // GitHub's runner runs a line that starts with `::` after spaces, whichever stream it is on.
  for (const line of plain.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
}

function expectCsvSafe(text: string): string[][] {
  const records = parse(text, { relax_column_count: false }) as string[][];
  for (const cell of records.flat()) {
    if (/^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(NUMBER);
  }
  return records;
}

function expectXml(text: string): void {
  expect(XMLValidator.validate(text)).toBe(true);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: hostile text is the point
  expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  expect(() => new XMLParser({ ignoreAttributes: false }).parse(text)).not.toThrow();
}

function expectMarkdownTables(text: string): void {
  expect(text).not.toMatch(RAW_CONTROL);
  const unescapedPipes = (line: string) => line.replace(/\\\|/g, '').split('|').length - 1;
  // Each run of table lines is one table: every row has as many cells as its head.
  const tables = text.split(/\n(?!\|)/).map((block) => block.split('\n').filter((l) => l.startsWith('|')));
  const found = tables.filter((t) => t.length > 0);
  expect(found.length).toBeGreaterThan(0);
  for (const table of found) {
    const pipes = unescapedPipes(table[0] as string);
    for (const line of table) expect(unescapedPipes(line)).toBe(pipes);
  }
}

const analyses = [
  ['share', ['--category', 'evil', '--year', '2021', '--top', '9']],
  ['trend', ['--category', 'evil', '--top', '9']],
  ['breakdown', ['--partner', `${EVIL}`, '--year', '2021']],
] as const;

describe('every format of every command is well-formed on hostile data', () => {
  for (const [command, args] of analyses) {
    const argv = (format: string, ...more: string[]) => [
      command,
      ...args,
      '--data',
      data,
      '--categories',
      cats,
      '--format',
      format,
      ...more,
    ];

    it(`${command}: table and stderr show every control character escaped`, async () => {
      for (const env of [{}, { FORCE_COLOR: '3' }]) {
        const r = await run(argv('table'), { env });
        expect(r.code, r.stderr).toBe(0);
        expectTerminalSafe(r.stdout);
        expectTerminalSafe(r.stderr);
        expect(r.stdout).toContain('\\x1b');
        expect(r.stdout).toContain('\\u009b');
        expect(r.stdout).toContain('\\u202e');
      }
    });

    it(`${command}: JSON parses and keeps the data's text exactly`, async () => {
      const r = await run(argv('json'));
      expect(r.code, r.stderr).toBe(0);
      const text = JSON.stringify(JSON.parse(r.stdout));
      expect(text).toContain(JSON.stringify(EVIL_FILE).slice(1, -1));
      expectTerminalSafe(r.stderr);
    });

    it(`${command}: CSV parses, no cell starts a formula, numbers stay numbers; --csv-raw keeps them`, async () => {
      const r = await run(argv('csv'));
      expect(r.code, r.stderr).toBe(0);
      const cells = expectCsvSafe(r.stdout).flat();
      if (command !== 'breakdown') {
        for (const start of ['=cmd|x', '-=cmd|x'])
          expect(cells.some((c) => c.startsWith(`'${start}`))).toBe(true);
        expect(cells).toContain('-5');
        expect(cells).toContain('-1.5e3');
      }
      const raw = parse((await run(argv('csv', '--csv-raw'))).stdout) as string[][];
      if (command !== 'breakdown') expect(raw.flat().some((c) => c.startsWith('=cmd|x'))).toBe(true);
    });

    it(`${command}: Markdown tables keep their columns`, async () => {
      const r = await run(argv('markdown'));
      expect(r.code, r.stderr).toBe(0);
      expectMarkdownTables(r.stdout);
    });

    if (command !== 'breakdown') {
      it(`${command}: SVG is well-formed XML`, async () => {
        const r = await run(argv('svg'));
        expect(r.code, r.stderr).toBe(0);
        expectXml(r.stdout);
        expect(r.stdout).toContain('=cmd|x');
        expect(r.stdout).toContain('&lt;b&gt;&amp;amp; ]]&gt;');
      });
    }
  }

  it('categories: table, CSV, JSON and Markdown of a hostile categories file', async () => {
    const base = ['categories', '--categories', cats, '--format'];
    const table = await run([...base, 'table']);
    expect(table.code, table.stderr).toBe(0);
    expectTerminalSafe(table.stdout);
    expect(table.stdout).toContain('note =cmd|x');
    expectCsvSafe((await run([...base, 'csv'])).stdout);
    expect(JSON.parse((await run([...base, 'json'])).stdout).categories.at(-1).label).toBe(`Evil ${EVIL}`);
    expectMarkdownTables((await run([...base, 'markdown'])).stdout);
  });
});

describe('check on hostile rule names and a hostile data file name', () => {
  const check = (format: string, env: NodeJS.ProcessEnv = {}) =>
    run(['check', 'rules.json', '--categories', cats, '--format', format], { cwd: dir, env });

  it('--format github prints nothing but the annotations it means to: one per failed rule and the summary', async () => {
    const r = await check('github');
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^::error file=rules\.json,line=\d+,title=korus-stats check%3A fails =cmd/);
    expect(lines[1]).toMatch(/^::error file=rules\.json,line=\d+,title=korus-stats check%3A also fails /);
    expect(lines[2]).toBe('::notice title=korus-stats check::rules.json: 3 rules: 1 passed, 2 failed');
    // The data's newlines are escaped inside the annotation, never a line of their own.
    expect(lines[0]).toContain('\\n::error::forged\\r\\n::add-mask::x');
    for (const line of lines) expect(line).not.toMatch(RAW_CONTROL);
    expectTerminalSafe(r.stderr);
  });

  it('the job summary is a Markdown table whose cells keep their columns', async () => {
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    await check('github', { GITHUB_STEP_SUMMARY: summary });
    expectMarkdownTables(readFileSync(summary, 'utf8'));
  });

  it('table, Markdown, JSON and JUnit', async () => {
    const table = await check('table');
    expect(table.code).toBe(1);
    expectTerminalSafe(table.stdout);
    expectTerminalSafe(table.stderr);
    expect(table.stdout).toContain('fails =cmd|x \\x01\\x02');
    expectMarkdownTables((await check('markdown')).stdout);
    const json = JSON.parse((await check('json')).stdout);
    expect(json.results[0].name).toBe(`fails ${EVIL}`);
    const junit = (await check('junit')).stdout;
    expectXml(junit);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(junit);
    expect(parsed.testsuites.testsuite.testcase).toHaveLength(3);
  });
});

describe('validate on a hostile file name and hostile cells', () => {
  const validate = (format: string) => run(['validate', data, '--format', format]);

  it('text: file name and messages escaped', async () => {
    const r = await validate('text');
    expectTerminalSafe(r.stdout);
    expectTerminalSafe(r.stderr);
    expect(r.stdout).toContain('\\n::error::forged.csv');
  });

  it('github: annotations only, the summary a ::notice', async () => {
    const r = await validate('github');
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning|notice) [a-z]+=/);
      expect(line).not.toMatch(RAW_CONTROL);
    }
    expect(lines.at(-1)).toMatch(/^::notice title=korus-stats validate::1 file, 12 rows: /);
  });

  it('the job summary: Markdown tables keep their columns, no raw control character', async () => {
    const summary = join(dir, 'validate-summary.md');
    writeFileSync(summary, '');
    await run(['validate', data, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } });
    const text = readFileSync(summary, 'utf8');
    expect(text).toContain('\\n::error::forged.csv');
    expectMarkdownTables(text);
  });

  it('JSON and JUnit are well-formed', async () => {
    expect(JSON.parse((await validate('json')).stdout).files[0].name).toContain('::error::forged');
    expectXml((await validate('junit')).stdout);
  });
});

describe('errors name hostile files escaped', () => {
  it('a bad number in a file whose name holds controls: one line, escaped', async () => {
    const bad = join(dir, `x\x1b]0;title\x07\n::error::y.csv`);
    writeFileSync(bad, 'year,partner,category,value_usd\n2020,CN,apparel,"1,2"\n');
    const r = await run(['share', '--data', bad, '--category', 'apparel']);
    expect(r.code).toBe(2);
    expectTerminalSafe(r.stderr);
    expect(r.stderr).toContain('x\\x1b]0;title\\x07\\n::error::y.csv');
  });

  it('the "categories in the data" hint: labels escaped', async () => {
    const r = await run(['share', '--data', data, '--category', 'apparel']);
    expect(r.code).toBe(2);
    expectTerminalSafe(r.stderr);
  });
});

describe('a name from the data at the start of a line', () => {
  it('validate text, a rules file error and categories CSV: no line starts with ::, values unchanged', async () => {
    const named = join(dir, '::add-mask::secret.csv');
    writeFileSync(named, 'year,partner,category,value_usd\n2020,::error::x,apparel,-1\n2020,CN,apparel,x\n');
    const v = await run(['validate', '::add-mask::secret.csv', '--structure'], { cwd: dir });
    expectTerminalSafe(v.stdout);
    expect(v.stdout).toContain('\\x3a:add-mask::secret.csv');
    const checks = join(dir, '::notice::rules.json');
    writeFileSync(
      checks,
      JSON.stringify({
        rules: [
          { name: 'a', type: 'x' },
          { name: 'b', type: 'y' },
        ],
      }),
    );
    const c = await run(['check', '::notice::rules.json'], { cwd: dir });
    expect(c.code).toBe(2);
    expectTerminalSafe(c.stderr);
    const cats = join(dir, 'colons.json');
    writeFileSync(cats, JSON.stringify({ categories: [{ name: '::error::x', label: 'L', hs: ['61'] }] }));
    const csv = await run(['categories', '--categories', cats, '--format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    for (const line of csv.stdout.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
    expect((parse(csv.stdout) as string[][]).some((r) => r.includes('::error::x'))).toBe(true);
  });
});
