import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type RunResult, run } from '../helpers.js';

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../schemas/balance.schema.json'), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const FILE = join(import.meta.dirname, '../fixtures/balance/trade.csv');
const ENV: NodeJS.ProcessEnv = process.env.KORUS_PARSER ? { KORUS_PARSER: process.env.KORUS_PARSER } : {};

type Row = {
  kind: string;
  code: string;
  name: string;
  exportsUsd: number | null;
  importsUsd: number | null;
  balanceUsd: number | null;
  coverage: number | null;
  relativeBalance: number | null;
  shareOfBalance: number | null;
  changeUsd: number | null;
  missing: Array<{ flow: string; reason: string }>;
  highlighted: boolean;
};
type Json = {
  query: { by: string; year: number; yearChosen: string; years: number[]; partner: string | null };
  rows: Row[];
  total:
    | (Omit<Row, 'kind' | 'code' | 'name'> & {
        basis: Record<string, string>;
        categoriesBalanceUsd: number | null;
      })
    | null;
  direction: { balance: { direction: string; up: number }; verdict: string } | null;
  flows: Record<
    'exports' | 'imports',
    { valueBasis: string[]; filesUsed: string[]; rowsRead: number; rowsUsed: number }
  >;
  basesDiffer: boolean;
  notes: Array<{ code: string; message: string }>;
};

const balance = (argv: string[], opts: { stdin?: string } = {}): Promise<RunResult> =>
  run(['balance', '--data', FILE, ...argv], { env: ENV, ...opts });

async function json(argv: string[]): Promise<Json> {
  const r = await balance([...argv, '--json']);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  return out;
}

/** The plain SUM() of the fixture's value column over the rows a predicate keeps, in US dollars. */
function sumOf(keep: (r: Record<string, string>) => boolean): number {
  const rows: Array<Record<string, string>> = parse(readFileSync(FILE), { columns: true });
  return rows.filter(keep).reduce((a, r) => a + Number(r.value_usd_million) * 1e6, 0);
}
const cell = (year: number, flow: string, partner: string, category: string) =>
  sumOf(
    (r) => r.year === String(year) && r.flow === flow && r.partner === partner && r.category === category,
  );

describe('balance by partner', () => {
  it('subtracts each partner’s imports from its exports, largest deficit first, and the totals from the World rows', async () => {
    const out = await json(['--partner', 'KR']);
    expect(out.query).toMatchObject({ by: 'partner', year: 2017, yearChosen: 'latest', partner: 'KR' });
    const kr = out.rows.find((r) => r.code === 'KR') as Row;
    const x = cell(2017, 'exports', 'KR', 'all-commodities');
    const m = cell(2017, 'imports', 'KR', 'all-commodities');
    expect(kr).toMatchObject({ exportsUsd: x, importsUsd: m, balanceUsd: x - m, highlighted: true });
    expect(kr.coverage).toBeCloseTo(x / m, 12);
    expect(kr.relativeBalance).toBeCloseTo((x - m) / (x + m), 12);
    // Largest deficit first; a partner without exports comes last, with no balance.
    expect(out.rows.map((r) => r.code)).toEqual(['KR', 'MX', 'CA']);
    expect(out.total).toMatchObject({
      exportsUsd: cell(2017, 'exports', 'World', 'all-commodities'),
      importsUsd: cell(2017, 'imports', 'World', 'all-commodities'),
      basis: { exports: 'reported-total', imports: 'reported-total' },
    });
    expect(out.basesDiffer).toBe(true);
    expect(out.flows.exports.valueBasis).toEqual(['total exports, f.a.s.']);
    expect(out.flows.imports.valueBasis).toEqual(['general imports, customs value']);
  });

  it('never reads a missing flow as 0: the row has no balance, and a note and the footer say so', async () => {
    const out = await json([]);
    const ca = out.rows.find((r) => r.code === 'CA') as Row;
    expect(ca).toMatchObject({ exportsUsd: null, importsUsd: 500e6, balanceUsd: null, coverage: null });
    expect(ca.missing.map((m) => m.flow)).toEqual(['exports']);
    expect(out.notes.map((n) => n.code)).toContain('missing-flow');
    const r = await balance([]);
    expect(r.stdout).toMatch(/Canada \(CA\)\s*│\s*–\s*│\s*US\$500m\s*│\s*–/);
    expect(r.stdout).toContain('Left out');
    expect(r.stderr).toContain('no exports figure');
  });

  it('names both bases in the footer, and gives CSV a total row with raw numbers', async () => {
    const r = await balance(['--year', '2016']);
    expect(r.stdout).toContain('total exports, f.a.s.');
    expect(r.stdout).toContain('general imports, customs value');
    expect(r.stdout).toContain('valued on different bases');
    const csv = await balance(['--year', '2016', '--format', 'csv']);
    const records: Array<Record<string, string>> = parse(csv.stdout, { columns: true });
    const total = records.find((x) => x.kind === 'total');
    expect(Number(total?.balance_usd)).toBe(
      cell(2016, 'exports', 'World', 'all-commodities') - cell(2016, 'imports', 'World', 'all-commodities'),
    );
  });

  it('highlights a partner with one flow only (no balance), and refuses one in neither flow', async () => {
    const out = await json(['--partner', 'Canada']);
    const ca = out.rows.find((r) => r.code === 'CA') as Row;
    expect(ca).toMatchObject({ highlighted: true, balanceUsd: null, importsUsd: 500e6 });
    const r = await balance(['--partner', 'JP']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Japan (JP) has no all-commodities exports or imports row for 2017');
  });

  it('refuses a year one flow does not have, and standard input', async () => {
    const r = await balance(['--year', '2015']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('exports');
    const s = await run(['balance', '--data', '-'], { env: ENV, stdin: readFileSync(FILE, 'utf8') });
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('can be read only once');
  });
});

describe('balance by category', () => {
  it("splits one partner's balance by category, each with its part of the reported total's balance", async () => {
    const out = await json(['--partner', 'KR', '--by', 'category', '--year', '2017']);
    expect(out.rows.map((r) => r.code)).toEqual(['machinery', 'transportation-equipment']);
    const te = out.rows[1] as Row;
    const bx = cell(2017, 'exports', 'KR', 'transportation-equipment');
    const bm = cell(2017, 'imports', 'KR', 'transportation-equipment');
    const total =
      cell(2017, 'exports', 'KR', 'all-commodities') - cell(2017, 'imports', 'KR', 'all-commodities');
    expect(te.balanceUsd).toBe(bx - bm);
    expect(te.shareOfBalance).toBeCloseTo((bx - bm) / total, 12);
    expect(out.total).toMatchObject({
      balanceUsd: total,
      basis: { exports: 'reported-all-commodities', imports: 'reported-all-commodities' },
      categoriesBalanceUsd: total,
    });
  });

  it('needs --partner', async () => {
    const r = await balance(['--by', 'category']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--by category needs --partner');
  });
});

describe('balance by year', () => {
  it('lists each year, the change, and the direction in words; a year without one flow is a gap', async () => {
    const out = await json(['--partner', 'KR', '--by', 'year']);
    expect(out.query.years).toEqual([2015, 2016, 2017]);
    const [y15, y16, y17] = out.rows as [Row, Row, Row];
    expect(y15).toMatchObject({ exportsUsd: null, balanceUsd: null });
    const b16 =
      cell(2016, 'exports', 'KR', 'all-commodities') - cell(2016, 'imports', 'KR', 'all-commodities');
    const b17 =
      cell(2017, 'exports', 'KR', 'all-commodities') - cell(2017, 'imports', 'KR', 'all-commodities');
    expect(y16.balanceUsd).toBe(b16);
    expect(y17.changeUsd).toBe(b17 - b16);
    expect(out.direction?.balance).toMatchObject({ direction: 'rising', up: 1 });
    expect(out.direction?.verdict).toContain('deficit narrowing');
  });

  it("counts each flow's rows once: a year's own rows, not again as the next year's year before", async () => {
    const out = await json(['--partner', 'KR', '--by', 'year']);
    const rows: Array<Record<string, string>> = parse(readFileSync(FILE), { columns: true });
    // The partners' rows of the category (Korea's share is of them all); the World rows are the totals.
    const count = (flow: string) =>
      rows.filter((r) => r.flow === flow && r.partner !== 'World' && r.category === 'all-commodities').length;
    expect(out.flows.exports.rowsUsed).toBe(count('exports'));
    expect(out.flows.imports.rowsUsed).toBe(count('imports'));
    expect(out.flows.exports.rowsRead).toBe(rows.length);
    // A flow without a figure in any year still says how many rows its pass read.
    const none = await json(['--partner', 'MX', '--by', 'year']);
    expect(none.flows.exports.rowsRead).toBe(rows.length);
  });
});

describe('balance by year without a partner', () => {
  it("takes each year's World rows as the totals, and says when a year has none (a sum of partners)", async () => {
    const out = await json(['--by', 'year']);
    // 2015 has imports from Korea and no World row: that year's imports total is Korea alone, said so.
    expect(out.notes.filter((n) => n.code === 'summed-totals').map((n) => n.message)).toEqual([
      expect.stringMatching(
        /^imports in 2015: the data has no World\/total row, so the total is the sum of the 1 listed partner \(South Korea\)/,
      ),
    ]);
    const y17 = out.rows.find((r) => r.code === '2017') as Row;
    expect(y17.balanceUsd).toBe(
      cell(2017, 'exports', 'World', 'all-commodities') - cell(2017, 'imports', 'World', 'all-commodities'),
    );
    // Without World rows a year's total is the listed partners' sum: no reporter's trade with the world.
    const dir = mkdtempSync(join(tmpdir(), 'korus-balance-'));
    const file = join(dir, 'partners.csv');
    const text = readFileSync(FILE, 'utf8')
      .split('\n')
      .filter((l) => !l.includes(',World,'))
      .join('\n');
    writeFileSync(file, text);
    const r = await run(['balance', '--data', file, '--by', 'year', '--json'], { env: ENV });
    const summed = JSON.parse(r.stdout).notes.filter((n: { code: string }) => n.code === 'summed-totals');
    expect(summed.map((n: { message: string }) => n.message)).toEqual([
      expect.stringMatching(
        /^exports in 2016-2017: the data has no World\/total row, so the total is the sum of the 2 listed partners \(South Korea, Mexico\)/,
      ),
      expect.stringMatching(/^imports in 2015-2017: .* 3 listed partners/),
    ]);
  });
});

describe('balance outputs', () => {
  it.each([
    ['partner', []],
    ['category', ['--partner', 'KR', '--by', 'category']],
    ['year', ['--partner', 'KR', '--by', 'year']],
  ])('by %s: SVG is well-formed, Markdown is a table', async (_by, args) => {
    const svg = await balance([...args, '--format', 'svg']);
    expect(svg.code).toBe(0);
    expect(XMLValidator.validate(svg.stdout)).toBe(true);
    expect(svg.stdout).toContain('total exports, f.a.s.');
    const md = await balance([...args, '--format', 'markdown']);
    expect(md.stdout).toMatch(/^\| .* \| Exports \| Imports \| Balance \|/m);
  });
});
