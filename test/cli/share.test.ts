import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { run, sum } from '../helpers.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../schemas/share.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const FIX = join(import.meta.dirname, '../fixtures/cli');
const fx = (name: string) => join(FIX, name);
const TA_2016_TOP3 = ['share', '--category', 'textiles-and-apparel', '--year', '2016', '--top', '3'];

type Json = {
  query: { year: number; previousYear: number | null; yearChosen: string };
  total: { valueUsd: number; basis: string; notItemizedUsd: number };
  rows: Array<{
    kind: string;
    code: string | null;
    valueUsd: number;
    share: number;
    rank: number | null;
    previousValueUsd: number | null;
    changeFraction: number | null;
    highlighted: boolean;
  }>;
  notes: Array<{ code: string; level: string }>;
  input: {
    rowsRead: number;
    rowsUsed: number;
    rowsFiltered: number;
    rowsMissing: number;
    rowsAggregate: number;
    files: Array<{ name: string }>;
  };
};

async function json(argv: string[], stdin?: string): Promise<Json> {
  const r = await run([...argv, '--json'], { stdin });
  expect(r.stderr.split('\n').filter((l) => l.includes('error'))).toEqual([]);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  return out;
}

function expectConsistent(out: Json): void {
  expect(Math.abs(sum(out.rows.map((r) => r.share)) - 1)).toBeLessThan(1e-9);
  expect(sum(out.rows.map((r) => r.valueUsd))).toBeCloseTo(out.total.valueUsd, 0);
  const i = out.input;
  expect(i.rowsUsed + i.rowsFiltered + i.rowsMissing + i.rowsAggregate).toBe(i.rowsRead);
}

describe('share on the bundled data', () => {
  it("gives South Korea's 2016 apparel share of the reported OTEXA total, with a not-itemized row", async () => {
    const r = await run(['share', '--category', 'apparel', '--year', '2016', '--partner', 'KR']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/South Korea \(KR\)\s*│\s*US\$251m\s*│\s*0\.31%/);
    expect(r.stdout).toMatch(/Not itemized\s*│\s*US\$80\.46bn/);
    expect(r.stdout).toMatch(/Total \(reported\)\s*│\s*US\$80\.71bn\s*│\s*100\.00%/);
    expect(r.stdout).toContain('OTEXA MFA apparel');
    expect(r.stdout).toContain('general imports, customs value');
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('JSON validates against the schema and its shares add up to 1', async () => {
    const out = await json(['share', '--category', 'apparel', '--year', '2016']);
    expectConsistent(out);
    expect(out.total).toMatchObject({
      valueUsd: 80_713_830_000,
      basis: 'reported-total',
      notItemizedUsd: 80_462_830_000,
    });
    expect(out.rows.map((r) => [r.kind, r.code, r.valueUsd])).toEqual([
      ['partner', 'KR', 251_000_000],
      ['not-itemized', null, 80_462_830_000],
    ]);
    expect(out.rows[0]?.share).toBeCloseTo(251 / 80713.83, 12);
  });

  it('ranks China first in 2016 textiles and apparel, with 2015 values and changes', async () => {
    const out = await json(['share', '--category', 'textiles-and-apparel', '--year', '2016', '--top', '5']);
    expectConsistent(out);
    const [first] = out.rows;
    expect(first).toMatchObject({
      kind: 'partner',
      code: 'CN',
      rank: 1,
      valueUsd: 45_221e6,
      previousValueUsd: 48_892e6,
    });
    expect(first?.changeFraction).toBeCloseTo((45221 - 48892) / 48892, 12);
    expect(out.rows.filter((r) => r.kind === 'partner')).toHaveLength(5);
    const other = out.rows.find((r) => r.kind === 'other-partners');
    expect(other?.valueUsd).toBe((5144 + 2904 + 2673 + 2184 + 1986) * 1e6);
    expect(out.rows.find((r) => r.kind === 'remainder')?.valueUsd).toBe(29_521e6);
    expect(out.rows.find((r) => r.kind === 'not-itemized')?.valueUsd).toBe(1e6); // published rounding
    expect(out.query.previousYear).toBe(2015);
  });

  it('keeps the highlighted partner outside the top N', async () => {
    const out = await json([
      'share',
      '--category',
      'textiles-and-apparel',
      '--year',
      '2016',
      '--top',
      '2',
      '--partner',
      'El Salvador',
    ]);
    expectConsistent(out);
    const sv = out.rows.find((r) => r.code === 'SV');
    expect(sv).toMatchObject({ rank: 10, highlighted: true });
    expect(out.rows.find((r) => r.kind === 'other-partners')?.valueUsd).toBe(
      (7952 + 5806 + 5548 + 5144 + 2904 + 2673 + 2184) * 1e6,
    );
  });

  it('uses the latest year when none is given, and says so', async () => {
    const r = await run(['share', '--category', 'apparel', '--json']);
    expect(JSON.parse(r.stdout).query).toMatchObject({ year: 2017, yearChosen: 'latest' });
    expect(r.stderr).toContain('using 2017, the latest year with apparel data');
  });

  it('selects the same partner by ISO2, ISO3, M49, Census code and names', async () => {
    for (const p of ['KR', 'KOR', '410', '5800', 'Korea, South', 'South Korea', 'Rep. of Korea']) {
      const out = await json(['share', '--category', 'apparel', '--year', '2016', '--partner', p]);
      expect(out.rows.find((r) => r.highlighted)?.code, p).toBe('KR');
    }
  });

  it('gives the same figures from stdin as from the file', async () => {
    const file = join(import.meta.dirname, '../../data/usitc-textiles-apparel.csv');
    const args = ['share', '--category', 'textiles-and-apparel', '--year', '2016'];
    const fromFile = await json([...args, '--data', file]);
    const fromStdin = await json([...args, '--data', '-'], readFileSync(file, 'utf8'));
    expect(fromStdin.input.files[0]?.name).toBe('<stdin>');
    fromStdin.input.files[0] = { ...fromStdin.input.files[0], name: file };
    expect(JSON.stringify(fromStdin).replaceAll('<stdin>', file)).toBe(JSON.stringify(fromFile));
  });

  it('JSON output is stable (snapshot)', async () => {
    const r = await run([...TA_2016_TOP3, '--json']);
    expect(r.stdout).toMatchSnapshot();
  });

  it('CSV output has raw numbers (snapshot)', async () => {
    const r = await run([...TA_2016_TOP3, '--format', 'csv']);
    expect(r.code).toBe(0);
    const china = [
      1,
      'partner',
      'CN',
      'China',
      45221e6,
      45221 / 120312,
      48892e6,
      -3671e6,
      (45221 - 48892) / 48892,
      false,
      'listed',
      10,
    ];
    // The question first on every record (year, period, category, flow, reporter, basis), then the row.
    expect(r.stdout.split('\n')[1]).toBe(
      ['2016,year,textiles-and-apparel,imports,US,"general imports, customs value"', ...china].join(','),
    );
    expect(r.stdout).toMatchSnapshot();
  });

  it('Markdown output is a table with the footer as a list', async () => {
    const r = await run(['share', '--category', 'apparel', '--year', '2016', '--format', 'markdown']);
    expect(r.code).toBe(0);
    // Korea is the only partner listed: no rank column, and the footer says why.
    expect(r.stdout).toContain('| Partner | 2016 | Share |  |');
    expect(r.stdout).toContain('| South Korea (KR) | US$251m | 0.31% |');
    expect(r.stdout).toContain('| --- | ---: | ---: | --- |');
    expect(r.stdout).toMatch(/^- Total: reported World\/total row/m);
    expect(r.stdout).toMatch(/^- Ranks: none \(1 partner listed\); US\$80\.46bn \(99\.69%\) of the total/m);
  });

  it('--units millions prints values as trade tables do', async () => {
    const r = await run([
      'share',
      '--category',
      'textiles-and-apparel',
      '--year',
      '2016',
      '--units',
      'millions',
    ]);
    expect(r.stdout).toMatch(/China \(CN\)\s*│\s*45,221\s*│\s*37\.59%\s*│[^│]*│\s*48,892/);
  });
});

describe('share: whom the ranks are among', () => {
  const KR_2016 = ['share', '--category', 'apparel', '--year', '2016', '--partner', 'KR'];
  type Ranks = {
    scope: string;
    listed: number;
    unrankedUsd: number;
    unrankedShare: number | null;
    reasons: string[];
  };
  const ranksOf = (out: Json) => (out as Json & { ranks: Ranks }).ranks;

  it('ranks no one when Korea is the only partner listed: no Rank column, and the footer says why', async () => {
    const r = await run(KR_2016);
    expect(r.code).toBe(0);
    // The table's head: Partner is the first column, so nothing reads as "Korea was the top supplier".
    expect(r.stdout.split('\n')[2]).toMatch(/^│ Partner\s+│\s+2016 │\s+Share │/);
    expect(r.stdout).toMatch(/^│ ▶ South Korea \(KR\) │\s+US\$251m │/m);
    expect(r.stdout).toMatch(
      /^Ranks\s+none \(1 partner listed\); US\$80\.46bn \(99\.69%\) of the total is not itemized by partner$/m,
    );
  });

  it('JSON and CSV keep the rank field, null, and say why in ranks / rank_scope', async () => {
    const out = await json(KR_2016);
    expect(out.rows.map((x) => x.rank)).toEqual([null, null]);
    expect(ranksOf(out)).toMatchObject({ scope: 'none', listed: 1, unrankedUsd: 80_462_830_000 });
    expect(ranksOf(out).unrankedShare).toBeCloseTo(80462.83 / 80713.83, 12);
    const csv = await run([...KR_2016, '--format', 'csv']);
    expect(csv.stdout.split('\n').slice(0, 2)).toEqual([
      'year,period,category,flow,reporter,basis,rank,kind,partner_code,partner_name,value_usd,share,previous_value_usd,change_usd,change_fraction,highlighted,rank_scope,listed_partners',
      `2016,year,apparel,imports,US,"general imports, customs value",,partner,KR,South Korea,251000000,${251 / 80713.83},,,,true,none,1`,
    ]);
  });

  it('ranks USITC\'s ten partners among the listed only: an "All other" remainder is no partner', async () => {
    const r = await run(TA_2016_TOP3);
    expect(r.stdout).toMatch(/^│ Rank \(of 10 listed\) │ Partner\s+│/m);
    expect(r.stdout).toMatch(/^│\s+1 │ China \(CN\)\s+│/m);
    expect(r.stdout).toMatch(
      /^Ranks\s+among the 10 listed partners only; US\$29\.52bn \(24\.54%\) of the total is not itemized by partner$/m,
    );
    const md = await run([...TA_2016_TOP3, '--format', 'markdown']);
    expect(md.stdout).toContain('| Rank (of 10 listed) | Partner | 2016 |');
    expect(md.stdout).toContain(
      '- Ranks: among the 10 listed partners only; US$29.52bn (24.54%) of the total',
    );
    const out = await json(TA_2016_TOP3);
    // The "All other" remainder and the US$1m the published rows leave (rounding) are in no partner.
    expect(ranksOf(out)).toMatchObject({ scope: 'listed', listed: 10, unrankedUsd: 29_522e6 });
    expect(out.rows.filter((x) => x.kind === 'partner').map((x) => x.rank)).toEqual([1, 2, 3]);
  });

  it('partners whose values are missing leave the ranks among the listed ones', async () => {
    const args = ['share', '--data', fx('suppressed.csv'), '--category', 'footwear', '--year', '2020'];
    const out = await json(args);
    // Korea's value is (D) and Bangladesh's empty: either may be the largest; and no World row says more.
    expect(ranksOf(out)).toMatchObject({
      scope: 'listed',
      listed: 3,
      unrankedUsd: 0,
      missingPartners: 2,
      reasons: ['missing-values', 'summed-total'],
    });
    const r = await run(args);
    expect(r.stdout).toMatch(/^│ Rank \(of 3 listed\) │/m);
    expect(r.stdout).toMatch(
      /^Ranks\s+among the 3 listed partners only; 2 partners' values are missing, and the total is their own sum \(the data has no World\/total row\)$/m,
    );
  });

  it("a total that is the listed partners' own sum (no World row) cannot show they are all: ranks of the listed", async () => {
    // A query of five partners (DataWeb, Comtrade) has no World row: its first is first of those five only.
    const gaps = join(import.meta.dirname, '../fixtures/trend/gaps.csv');
    const args = ['share', '--data', gaps, '--category', 'apparel', '--year', '2019'];
    const out = await json(args);
    expect(out.total.basis).toBe('sum-of-partners');
    expect(ranksOf(out)).toEqual({
      scope: 'listed',
      listed: 5,
      unrankedUsd: 0,
      unrankedShare: 0,
      missingPartners: 0,
      reasons: ['summed-total'],
    });
    const r = await run(args);
    expect(r.stdout).toMatch(/^│ Rank \(of 5 listed\) │/m);
    expect(r.stdout).toMatch(
      /^Ranks\s+among the 5 listed partners only; the total is their own sum \(the data has no World\/total row\)$/m,
    );
  });

  it('ranks as ever when the listed partners are the whole total (a World row they add up to)', async () => {
    for (const [year, ranks] of [
      ['2020', [1, 2, 3]],
      ['2021', [1, 1, 3]],
    ] as const) {
      const args = ['share', '--data', fx('whole.csv'), '--category', 'apparel', '--year', year];
      const out = await json(args);
      expect(ranksOf(out), year).toEqual({
        scope: 'complete',
        listed: 3,
        unrankedUsd: 0,
        unrankedShare: 0,
        missingPartners: 0,
        reasons: [],
      });
      expect(out.rows.map((x) => [x.kind, x.rank])).toEqual(ranks.map((n) => ['partner', n]));
      const r = await run(args);
      expect(r.stdout).toMatch(/^│ Rank │ Partner\s+│/m);
      expect(r.stdout).toMatch(/^│\s+1 │ China \(CN\)\s+│/m);
      expect(r.stdout).not.toMatch(/^Ranks/m);
      expect((await run([...args, '--format', 'markdown'])).stdout).toContain('| Rank | Partner |');
      const csv = await run([...args, '--format', 'csv']);
      expect(csv.stdout.split('\n')[1]).toMatch(
        /^\d{4},year,apparel,imports,[^,]*,[^,]*,1,partner,CN,China,.*,complete,3$/,
      );
    }
    // --top folds partners, not ranks: the fold's partners are listed and counted.
    const top = await json([
      'share',
      '--data',
      fx('whole.csv'),
      '--category',
      'apparel',
      '--year',
      '2020',
      '--top',
      '1',
    ]);
    expect(ranksOf(top)).toMatchObject({ scope: 'complete', listed: 3 });
  });
});

describe('share on user files', () => {
  it('sums partners when there is no World row, and counts suppressed values', async () => {
    const out = await json([
      'share',
      '--data',
      fx('suppressed.csv'),
      '--category',
      'footwear',
      '--year',
      '2020',
    ]);
    expectConsistent(out);
    expect(out.total.basis).toBe('sum-of-partners');
    expect(out.input.rowsMissing).toBe(2);
    expect(out.notes.map((n) => n.code)).toContain('missing-values');
    expect(out.rows.map((r) => r.code)).toEqual(['CN', 'VN', 'Narnia']);
    expect(out.notes.map((n) => n.code)).toContain('unknown-partner');
  });

  it('matches categories by HS code prefix when there is no category column', async () => {
    const out = await json([
      'share',
      '--data',
      fx('hs-codes.csv'),
      '--category',
      'apparel',
      '--year',
      '2020',
    ]);
    expectConsistent(out);
    // 6109 and 620342 are apparel; 6403 (footwear) and 520100 (cotton) are not; World rows add up across codes.
    expect(out.rows.filter((r) => r.kind === 'partner').map((r) => [r.code, r.valueUsd])).toEqual([
      ['CN', 150],
      ['BD', 70],
    ]);
    expect(out.total).toMatchObject({ basis: 'reported-total', valueUsd: 300, notItemizedUsd: 80 });
    expect(out.input.rowsAggregate).toBe(3); // two World rows and one EU row
  });

  it('warns when the listed partners exceed the reported total, with no negative row', async () => {
    const out = await json(['share', '--data', fx('exceeds.csv'), '--category', 'steel', '--year', '2020']);
    expect(out.notes.find((n) => n.code === 'partners-exceed-total')).toMatchObject({ level: 'warning' });
    expect(out.rows.map((r) => r.kind)).toEqual(['partner', 'partner']);
    expect(out.total).toMatchObject({ valueUsd: 1000, notItemizedUsd: -300 });
    expect(sum(out.rows.map((r) => r.share))).toBeCloseTo(1.3, 9);
  });
  it('reads UTF-16 with a BOM, and says so', async () => {
    const out = await json(['share', '--data', fx('utf16.csv'), '--category', 'apparel']);
    expect(out.rows.map((r) => [r.code, r.valueUsd])).toEqual([
      ['CN', 100],
      ['CI', 50],
    ]);
    expect(out.input.files[0]).toMatchObject({ encoding: 'utf16le' });
  });

  it('stops at invalid UTF-8 with its line, and reads the file with --encoding latin1', async () => {
    const bad = await run(['share', '--data', fx('latin1.csv'), '--category', 'apparel']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toMatch(/latin1\.csv:3: invalid UTF-8 \(byte 0xF4\)/);
    expect(bad.stderr).toContain('--encoding latin1');
    const out = await json([
      'share',
      '--data',
      fx('latin1.csv'),
      '--category',
      'apparel',
      '--encoding',
      'latin1',
    ]);
    expect(out.rows.find((r) => r.code === 'CI')?.valueUsd).toBe(50);
  });
});

describe('share errors', () => {
  const errorLine = (stderr: string) => stderr.split('\n')[0];

  it('a missing file', async () => {
    const r = await run(['share', '--category', 'apparel', '--data', 'nope.csv']);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toBe('korus-stats: error: nope.csv: no such file or folder');
  });

  it('an empty file', async () => {
    const r = await run(['share', '--category', 'apparel', '--data', fx('empty.csv')]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/empty\.csv: empty file/);
  });

  it('a header-only file', async () => {
    const r = await run(['share', '--category', 'apparel', '--data', fx('header-only.csv')]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/header-only\.csv:2: no data rows/);
  });

  it('a CSV without a value column', async () => {
    const r = await run(['share', '--category', 'apparel', '--data', fx('no-value.csv')]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/no-value\.csv:1: no value column \(looked for: value, value_usd/);
    expect(r.stderr).toContain('--columns value=HEADER');
  });

  it('a non-numeric value, at its line and column', async () => {
    const r = await run(['share', '--category', 'apparel', '--data', fx('bad-number.csv')]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toBe(
      `korus-stats: error: ${fx('bad-number.csv')}:3:4: value "1,234" is not a number`,
    );
    expect(r.stderr).toContain('--thousands ,');
  });

  it('a ragged row', async () => {
    const r = await run(['share', '--category', 'apparel', '--data', fx('ragged.csv')]);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toMatch(/ragged\.csv:3:5: row has 5 fields, the header has 4/);
  });

  it('share without --category is a usage error', async () => {
    const r = await run(['share']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '-c, --category <name>' not specified");
    expect(r.stderr).toContain('--help');
  });

  it('an unknown category suggests the nearest name', async () => {
    const r = await run(['share', '--category', 'aparel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown category "aparel"');
    expect(r.stderr).toContain('did you mean "apparel"?');
  });

  it('a year absent from the data lists the years there are', async () => {
    const r = await run(['share', '--category', 'apparel', '--year', '2015']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no apparel imports data for 2015');
    expect(r.stderr).toContain('years with data: 2012-2014, 2016-2017');
  });

  it('a partner absent from that year says where it is', async () => {
    const r = await run(['share', '--category', 'apparel', '--year', '2014', '--partner', 'KR']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('South Korea (KR) has no apparel imports row for 2014');
    expect(r.stderr).toContain('years with KR: 2016');
  });

  it('a misspelt partner absent from the data gets a suggestion', async () => {
    const r = await run(['share', '--category', 'apparel', '--year', '2016', '--partner', 'Vietnm']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"Vietnm" has no apparel imports row for 2016');
    expect(r.stderr).toContain('hint: did you mean Vietnam (VN)?; partners in the 2016 data:');
  });

  it('a bad flag value', async () => {
    const r = await run(['share', '--category', 'apparel', '--year', '16']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('expected a four-digit year');
  });

  it('--partner World is refused', async () => {
    const r = await run(['share', '--category', 'apparel', '--partner', 'World']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('aggregate row');
  });
});

describe('conventions', () => {
  it('--help and --version exit 0 on stdout', async () => {
    const help = await run(['share', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('an unknown command exits 2', async () => {
    const r = await run(['shares']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'shares'");
  });

  it('colors only when asked or on a terminal, never with --no-color or NO_COLOR', async () => {
    const args = ['share', '--category', 'apparel', '--year', '2016'];
    expect((await run(args, { env: { FORCE_COLOR: '1' } })).stdout).toContain('\x1b[');
    expect((await run([...args, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await run(args, { tty: true })).stdout).toContain('\x1b[');
    expect((await run(args, { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await run([...args, '--json'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\x1b[');
  });

  it('categories lists the catalog', async () => {
    const r = await run(['categories', '--json']);
    expect(r.code).toBe(0);
    const names = JSON.parse(r.stdout).categories.map((c: { name: string }) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'apparel',
        'textiles',
        'footwear',
        'travel-goods',
        'autos',
        'auto-parts',
        'steel',
      ]),
    );
  });
});
