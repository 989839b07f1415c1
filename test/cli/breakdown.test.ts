import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { type RunResult, run, sum } from '../helpers.js';

const schema = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../schemas/breakdown.schema.json'), 'utf8'),
);
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const FIX = join(import.meta.dirname, '../fixtures/breakdown');
const HS = join(FIX, 'hs-trade.csv');
/** The source column of data/otexa-apparel.csv: OTEXA's figures, quoted second-hand by trade press. */
const OTEXA_QUOTED = 'OTEXA, as quoted by trade press';
// The in-process runs get an empty env; pass the parser on so `KORUS_PARSER=csv-parse vitest run` reads with it.
const ENV: NodeJS.ProcessEnv = process.env.KORUS_PARSER ? { KORUS_PARSER: process.env.KORUS_PARSER } : {};

type Category = {
  name: string;
  definition: { matchedBy: string[]; hsPrefixes: string[]; origin: string };
  sources: string[];
  valueUsd: number;
  shareOfPartnerTotal: number | null;
  shareOfCategory: number | null;
  categoryTotal: { valueUsd: number; basis: string; previousValueUsd: number | null };
  rank: number | null;
  partners: number;
  ranks: { scope: string; listed: number; unrankedUsd: number; missingPartners: number };
  previousValueUsd: number | null;
  changeUsd: number | null;
  changeFraction: number | null;
  within: string[];
  countedInTotal: boolean;
};
type Json = {
  query: {
    partner: string;
    year: number;
    yearChosen: string;
    previousYear: number | null;
    source: string | null;
  };
  partner: { code: string; name: string; kind: string };
  partnerTotal: {
    valueUsd: number | null;
    categories: string[];
    previousValueUsd: number | null;
    changeFraction: number | null;
    listedSharesSum: number | null;
    partialOverlaps: string[][];
    unknownOverlap: string[];
  };
  categories: Category[];
  absent: Array<{ name: string; reason: string; partnerYears: number[] }>;
  notes: Array<{ code: string; level: string; message: string }>;
  input: {
    rowsRead: number;
    rowsInCategories: number;
    rowsInNoCategory: number;
    rowsFiltered: number;
    filesUsed: string[];
  };
  sources: string[];
};

const bd = (argv: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> =>
  run(['breakdown', ...argv], { env: ENV, ...opts });

async function json(argv: string[], opts: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Json> {
  const r = await bd([...argv, '--json'], opts);
  expect(r.stderr.split('\n').filter((l) => l.includes('error'))).toEqual([]);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  const i = out.input;
  expect(i.rowsInCategories + i.rowsInNoCategory + i.rowsFiltered).toBe(i.rowsRead);
  return out;
}

const byName = (out: Json, name: string): Category => {
  const c = out.categories.find((k) => k.name === name);
  if (!c) throw new Error(`${name} is not listed: ${out.categories.map((k) => k.name).join(', ')}`);
  return c;
};

describe('breakdown on the bundled data', () => {
  it('lists every category in which China appears for 2016: textiles-and-apparel (USITC), not apparel', async () => {
    const r = await bd(['--partner', 'CN', '--year', '2016']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /textiles-and-apparel\s*│\s*data label \(USITC\)\s*│\s*US\$45\.22bn\s*│\s*100\.00%\s*│\s*37\.59%\s*│\s*US\$120\.31bn\s*│\s*1 of 10 listed\s*│\s*US\$48\.89bn\s*│\s*-7\.5%/,
    );
    expect(r.stdout).not.toMatch(/^│ apparel/m);
    // USITC lists ten partners and an "All other" remainder: China is first of those ten, no more.
    expect(r.stdout).toMatch(
      /^Ranks\s+textiles-and-apparel: among the 10 listed partners only; US\$29\.52bn \(24\.54%\) of its total is not itemized by partner$/m,
    );
    // China's total is of the categories the data has, not of all it ships.
    expect(r.stdout).toMatch(/^│ China, total of 1 category in the data │/m);
    expect(r.stdout).toContain(
      '"Share of China" is of China\'s total over the 1 category in the data (textiles-and-apparel), US$45.22bn, not over all commodities',
    );
    expect(r.stdout).toContain('apparel (China has figures for 2014, 2017)');
    expect(r.stdout).not.toContain('\x1b[');
    // China's OTEXA apparel figures are for 2014 and 2017 only: apparel is left out for 2016, and said so.
    expect(r.stderr).toContain('7 categories without a China (CN) figure for 2016 left out');

    const out = await json(['--partner', 'CN', '--year', '2016']);
    expect(out.categories.map((k) => k.name)).toEqual(['textiles-and-apparel']);
    const ta = byName(out, 'textiles-and-apparel');
    expect(ta).toMatchObject({
      valueUsd: 45_221e6,
      sources: ['USITC'],
      definition: { matchedBy: ['category-column'] },
      categoryTotal: { valueUsd: 120_312e6, basis: 'reported-total' },
      rank: 1,
      partners: 10,
      ranks: { scope: 'listed', listed: 10, unrankedUsd: 29_522e6, missingPartners: 0 },
      previousValueUsd: 48_892e6,
      shareOfPartnerTotal: 1,
      countedInTotal: true,
    });
    expect(ta.shareOfCategory).toBeCloseTo(45221 / 120312, 12);
    expect((100 * (ta.shareOfCategory as number)).toFixed(2)).toBe('37.59');
    expect(ta.changeFraction).toBeCloseTo((45221 - 48892) / 48892, 12);
    expect(out.absent.find((a) => a.name === 'apparel')).toEqual({
      name: 'apparel',
      reason: 'partner-absent',
      partnerYears: [2014, 2017],
    });
    // The catalog's categories without import rows: HS-defined ones and USITC's label-only sectors.
    expect(out.absent.filter((a) => a.reason === 'no-data').map((a) => a.name)).toEqual([
      'agricultural-products',
      'auto-parts',
      'autos',
      'chemicals-and-related-products',
      'electronic-products',
      'energy-related-products',
      'footwear',
      'forest-products',
      'machinery',
      'minerals-and-metals',
      'miscellaneous-manufactures',
      'special-provisions',
      'steel',
      'textiles',
      'transportation-equipment',
      'travel-goods',
    ]);
    expect(out.notes.find((n) => n.code === 'absent-categories')).toMatchObject({ level: 'info' });
    expect(out.partnerTotal).toMatchObject({ valueUsd: 45_221e6, categories: ['textiles-and-apparel'] });
    expect(out.query).toMatchObject({ partner: 'CN', year: 2016, yearChosen: 'given', previousYear: 2015 });
    // The 122 rows of USITC's sector tables (data/usitc-*-sectors.csv) and Korea's 2017 exports total are
    // exports: filtered out by flow; Korea's 2017 imports total is in all-commodities.
    expect(out.input).toMatchObject({ rowsRead: 200, rowsInCategories: 77, rowsFiltered: 123 });
    expect(out.input.filesUsed).toEqual([expect.stringMatching(/usitc-textiles-apparel\.csv$/)]);
  });

  it('--year 2017 lists apparel with 27,030.47m (OTEXA, as quoted by trade press), and not textiles-and-apparel', async () => {
    const r = await bd(['--partner', 'CN', '--year', '2017', '--units', 'millions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /│ apparel\s*│\s*data label \(OTEXA, as quoted by trade press\)\s*│\s*27,030\.47\s*│\s*100\.00%\s*│\s*33\.67%/,
    );
    const out = await json(['--partner', 'CN', '--year', '2017']);
    expect(out.categories.map((k) => k.name)).toEqual(['apparel']);
    const apparel = byName(out, 'apparel');
    expect(apparel.valueUsd).toBe(27_030_470_000);
    expect(apparel.shareOfCategory).toBeCloseTo(27030.47 / 80286.81, 12);
    // OTEXA has a 2016 apparel total, but no China row for 2016: no previous value, no change.
    // China is the only partner OTEXA lists for 2017: no rank (not "1 of 1").
    expect(apparel).toMatchObject({ previousValueUsd: null, changeFraction: null, rank: null, partners: 1 });
    expect(apparel.ranks).toMatchObject({ scope: 'none', listed: 1 });
    expect(r.stdout).not.toMatch(/│\s*Rank\s*│/);
    expect(r.stdout).toMatch(
      /^Ranks\s+apparel: none \(1 partner listed\); US\$53\.26bn \(66\.33%\) of its total/m,
    );
    expect(out.absent.find((a) => a.name === 'textiles-and-apparel')).toMatchObject({
      reason: 'no-data-for-year',
      partnerYears: [2012, 2013, 2014, 2015, 2016],
    });
  });

  it('names two sources apart when one has a comma in its name: "(OTEXA, as quoted by trade press; USITC)"', async () => {
    const r = await bd(['--partner', 'CN', '--year', '2014']);
    expect(r.stdout.split('\n')[0]).toBe(
      'US imports from China (CN) by category, 2014 (OTEXA, as quoted by trade press; USITC)',
    );
  });

  it('Korea 2016: the only partner OTEXA lists, so no rank column, nothing that reads as "top supplier"', async () => {
    const r = await bd(['--partner', 'KR', '--year', '2016']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[2]).toMatch(/│ Category total │$/);
    expect(r.stdout).not.toContain('1 of 1');
    expect(r.stdout).toMatch(
      /^Ranks\s+apparel: none \(1 partner listed\); US\$80\.46bn \(99\.69%\) of its total is not itemized by partner$/m,
    );
    expect(r.stdout).toMatch(/^│ South Korea, total of 1 category in the data │/m);
    const out = await json(['--partner', 'KR', '--year', '2016']);
    expect(byName(out, 'apparel')).toMatchObject({
      rank: null,
      partners: 1,
      ranks: { scope: 'none', listed: 1 },
    });
    const csv = await bd(['--partner', 'KR', '--year', '2016', '--format', 'csv']);
    expect(csv.stdout.split('\n')[1]).toMatch(/,reported-total,,1,.*,none$/);
    const md = await bd(['--partner', 'KR', '--year', '2016', '--format', 'markdown']);
    expect(md.stdout).toContain(
      '| Category | Definition | 2016 | Share of South Korea | Share of category | Category total |\n',
    );
  });

  it('defaults to the latest year with figures for the partner, and says so on stderr', async () => {
    const r = await bd(['--partner', 'CN', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).query).toMatchObject({ year: 2017, yearChosen: 'latest' });
    expect(r.stderr).toContain(
      'no --year given: using 2017, the latest year with China (CN) figures (years: 2012-2017)',
    );
    const kr = await bd(['--partner', 'Korea, South', '--json']);
    expect(JSON.parse(kr.stdout).query).toMatchObject({ partner: 'KR', year: 2016 });
  });

  it('2014: apparel is within textiles-and-apparel, so it is shown but not added, and the shares add past 100%', async () => {
    const out = await json(['--partner', 'CN', '--year', '2014']);
    expect(out.categories.map((k) => [k.name, k.valueUsd, k.within, k.countedInTotal])).toEqual([
      ['textiles-and-apparel', 47_220e6, [], true],
      ['apparel', 29_793e6, ['textiles-and-apparel'], false],
    ]);
    expect(out.partnerTotal.valueUsd).toBe(47_220e6);
    expect(byName(out, 'apparel').shareOfPartnerTotal).toBeCloseTo(29793 / 47220, 12);
    expect(out.partnerTotal.listedSharesSum).toBeCloseTo((47220 + 29793) / 47220, 12);
    expect(sum(out.categories.filter((k) => k.countedInTotal).map((k) => k.shareOfPartnerTotal ?? 0))).toBe(
      1,
    );
    // Two publications, two definitions: said in a note.
    expect(out.notes.find((n) => n.code === 'mixed-sources')?.message).toContain(
      'USITC: textiles-and-apparel',
    );
    expect(out.sources).toEqual(['OTEXA, as quoted by trade press', 'USITC']);
    const table = await bd(['--partner', 'CN', '--year', '2014']);
    expect(table.stdout).toContain('apparel (within textiles-and-apparel)');
    expect(table.stdout).toMatch(
      /China, total of 1 top-level category in the data\s*│\s*│\s*US\$47\.22bn\s*│\s*100\.00%/,
    );
    expect(table.stdout).toMatch(/│ apparel \(within textiles-and-apparel\) .*│\s+1 of 9 listed │/);
    expect(table.stdout).toContain('the shares of the 2 listed categories add to 163.09%, not 100%');
  });

  it('--source keeps one publication and counts the other rows as filtered out', async () => {
    const out = await json(['--partner', 'CN', '--year', '2014', '--source', OTEXA_QUOTED]);
    expect(out.categories.map((k) => k.name)).toEqual(['apparel']);
    // Filtered out: the 60 USITC textiles-and-apparel rows and Korea's imports total (source), and the 123
    // exports rows (flow).
    expect(out.input).toMatchObject({ rowsRead: 200, rowsInCategories: 16, rowsFiltered: 184 });
    expect(out.query.source).toBe(OTEXA_QUOTED);
  });

  it('JSON output is stable (snapshot)', async () => {
    const r = await bd(['--partner', 'CN', '--year', '2014', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatchSnapshot();
  });

  it('CSV has raw numbers, one record per category', async () => {
    const r = await bd(['--partner', 'CN', '--year', '2014', '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'flow,reporter,basis,partner_code,year,category,matched_by,hs_prefixes,sources,value_usd,share_of_partner_total,share_of_category,category_total_usd,category_total_basis,rank,partners,previous_value_usd,change_usd,change_fraction,within,counted_in_total,rank_scope',
    );
    expect(lines[2]).toBe(
      [
        'imports',
        'US',
        '"general imports, customs value"',
        'CN',
        2014,
        'apparel',
        'category-column',
        '61 62',
        `"${OTEXA_QUOTED}"`,
        29793e6,
        29793 / 47220,
        29793 / 81780,
        81780e6,
        'reported-total',
        1,
        9,
        '',
        '',
        '',
        'textiles-and-apparel',
        false,
        'listed',
      ].join(','),
    );
    expect(lines).toHaveLength(3);
  });

  it('Markdown is the table with the footer as a list', async () => {
    const r = await bd(['--partner', 'CN', '--year', '2016', '--format', 'markdown', '--units', 'millions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '| textiles-and-apparel | data label (USITC) | 45,221 | 100.00% | 37.59% | 120,312 |',
    );
    expect(r.stdout).toContain('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    expect(r.stdout).toMatch(/^- Shares: "Share of China" is of China's total/m);
  });

  it('reads the same from stdin as from the file', async () => {
    const file = join(import.meta.dirname, '../../data/usitc-textiles-apparel.csv');
    const fromFile = await json(['--partner', 'CN', '--year', '2016', '--data', file]);
    const fromStdin = await json(['--partner', 'CN', '--year', '2016', '--data', '-'], {
      stdin: readFileSync(file, 'utf8'),
    });
    expect(fromStdin.categories).toEqual(fromFile.categories);
    expect(fromStdin.partnerTotal).toEqual(fromFile.partnerTotal);
  });
});

describe('breakdown of an HS-coded file', () => {
  // KR ships apparel (6109, 6203), footwear (6403) and steel (7208), and a computer line (8471) in no category.
  // 2020, by hand: apparel 100 + 50 = 150 of a World 1,000 + 600 = 1,600; textiles-and-apparel (HS 50-63)
  // the same 150 of World 1,000 + 600 + 400 = 2,000; footwear 80 of the partners' 80 + 120 + 200 = 400 (no
  // World row); steel 300 of World 2,000. KR's total: the top-level categories, 150 + 80 + 300 = 530.
  it('gives the hand-computed values, shares, ranks and changes', async () => {
    const out = await json(['--data', HS, '--partner', 'KR', '--year', '2020']);
    expect(out.categories.map((k) => k.name)).toEqual([
      'steel',
      'textiles-and-apparel',
      'apparel',
      'footwear',
    ]);
    const expected: Record<string, Partial<Category>> = {
      apparel: {
        valueUsd: 150,
        shareOfCategory: 150 / 1600,
        shareOfPartnerTotal: 150 / 530,
        categoryTotal: { valueUsd: 1600, basis: 'reported-total', previousValueUsd: 1400 },
        rank: 2,
        partners: 2,
        previousValueUsd: 90 + 40,
        changeUsd: 20,
        within: ['textiles-and-apparel'],
        countedInTotal: false,
      },
      'textiles-and-apparel': {
        valueUsd: 150,
        shareOfCategory: 150 / 2000,
        shareOfPartnerTotal: 150 / 530,
        categoryTotal: { valueUsd: 2000, basis: 'reported-total', previousValueUsd: 1800 },
        rank: 2,
        previousValueUsd: 130,
        within: [],
        countedInTotal: true,
      },
      footwear: {
        valueUsd: 80,
        shareOfCategory: 80 / 400,
        shareOfPartnerTotal: 80 / 530,
        categoryTotal: { valueUsd: 400, basis: 'sum-of-partners', previousValueUsd: 200 },
        rank: 3,
        partners: 3,
        previousValueUsd: 100,
        changeUsd: -20,
        changeFraction: -0.2,
        countedInTotal: true,
      },
      steel: {
        valueUsd: 300,
        shareOfCategory: 300 / 2000,
        shareOfPartnerTotal: 300 / 530,
        categoryTotal: { valueUsd: 2000, basis: 'reported-total', previousValueUsd: 1800 },
        rank: 2,
        partners: 2,
        previousValueUsd: 250,
        changeFraction: 0.2,
        countedInTotal: true,
      },
    };
    for (const [name, want] of Object.entries(expected)) {
      const got = byName(out, name);
      expect(got, name).toMatchObject(want);
      expect(got.definition.matchedBy, name).toEqual(['hs-code']);
    }
    expect(byName(out, 'apparel').changeFraction).toBeCloseTo(20 / 130, 12);
    expect(out.partnerTotal).toMatchObject({
      valueUsd: 530,
      categories: ['steel', 'textiles-and-apparel', 'footwear'],
      previousValueUsd: 130 + 100 + 250,
      partialOverlaps: [],
    });
    expect(out.partnerTotal.changeFraction).toBeCloseTo(50 / 480, 12);
    expect(out.partnerTotal.listedSharesSum).toBeCloseTo((150 + 150 + 80 + 300) / 530, 12);
    // textiles (HS 50-60, 63) has 2020 rows (China's cotton, 5208) but none for KR.
    expect(out.absent.find((a) => a.name === 'textiles')).toMatchObject({ reason: 'partner-absent' });
    expect(out.input).toMatchObject({
      rowsRead: 25,
      rowsInCategories: 24,
      rowsInNoCategory: 1,
      rowsFiltered: 0,
    });
    expect(out.notes.find((n) => n.code === 'rows-in-no-category')?.message).toContain('"8471"');
    // The file-level note is said once, not once per category.
    expect(out.notes.filter((n) => n.code === 'no-flow-column')).toHaveLength(1);
  });

  it('agrees with `share` category by category', async () => {
    const out = await json(['--data', HS, '--partner', 'KR', '--year', '2020']);
    for (const k of out.categories) {
      const r = await run(['share', '--data', HS, '--category', k.name, '--year', '2020', '--json'], {
        env: ENV,
      });
      expect(r.code, k.name).toBe(0);
      const share = JSON.parse(r.stdout);
      const row = share.rows.find((x: { code: string | null }) => x.code === 'KR');
      expect([row.valueUsd, row.share, row.rank], k.name).toEqual([k.valueUsd, k.shareOfCategory, k.rank]);
      expect(share.total.valueUsd, k.name).toBe(k.categoryTotal.valueUsd);
    }
  });

  it('the table marks the nested category, dims nothing into the total, and states the sum of shares', async () => {
    const r = await bd(['--data', HS, '--partner', 'KR', '--year', '2020']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /apparel \(within textiles-and-apparel\)\s*│\s*HS 61, 62\s*│\s*US\$150\s*│\s*28\.30%\s*│\s*9\.38%/,
    );
    expect(r.stdout).toMatch(
      /footwear\s*│\s*HS 64\s*│\s*US\$80\s*│\s*15\.09%\s*│\s*20\.00%\s*│\s*US\$400\s*│\s*3 of 3 listed/,
    );
    expect(r.stdout).toMatch(
      /South Korea, total of 3 top-level categories in the data\s*│\s*│\s*US\$530\s*│\s*100\.00%/,
    );
    // Steel's World row is more than its two partners: Korea is 2nd of those two, not of every supplier.
    expect(r.stdout).toMatch(/│ steel\s*│.*│\s*2 of 2 listed │/);
    expect(r.stdout).toMatch(
      /^Ranks\s+steel: among the 2 listed partners only; US\$1\.3k \(65\.00%\) of its total/m,
    );
    // Footwear has no World row: its total is its partners' own sum, which cannot show they are all.
    expect(r.stdout).toMatch(
      /^Ranks\s+footwear: among the 3 listed partners only; its total is their own sum \(the data has no World\/total row\)$/m,
    );
    expect(r.stdout).toContain('the shares of the 4 listed categories add to 128.30%, not 100%');
    expect(r.stdout).toContain('sum of the partners US$400 (no World/total row)');
  });

  it('ranks "1 of 3", with no Ranks line, where the World row of each category is its listed partners', async () => {
    const whole = join(import.meta.dirname, '../fixtures/cli/whole.csv');
    const r = await bd(['--data', whole, '--partner', 'CN', '--year', '2020']);
    expect(r.stdout).toMatch(/^│ textiles-and-apparel\s+│.*│\s+1 of 3 │/m);
    expect(r.stdout).toMatch(/^│ apparel \(within textiles-and-apparel\)\s+│.*│\s+1 of 3 │/m);
    expect(r.stdout).not.toMatch(/^Ranks/m);
    const out = await json(['--data', whole, '--partner', 'CN', '--year', '2020']);
    expect(out.categories.map((k) => [k.name, k.rank, k.ranks.scope])).toEqual([
      ['textiles-and-apparel', 1, 'complete'],
      ['apparel', 1, 'complete'],
    ]);
  });

  it('--categories adds a category: knit apparel (HS 61) is within apparel and textiles-and-apparel', async () => {
    const out = await json([
      '--data',
      HS,
      '--partner',
      'KR',
      '--year',
      '2020',
      '--categories',
      join(FIX, 'knit.categories.json'),
    ]);
    expect(byName(out, 'knit-apparel')).toMatchObject({
      valueUsd: 100,
      shareOfCategory: 100 / 1000,
      within: ['apparel', 'textiles-and-apparel'],
      countedInTotal: false,
      definition: { origin: expect.stringMatching(/knit\.categories\.json$/) },
    });
    expect(out.partnerTotal.valueUsd).toBe(530);
    expect(out.partnerTotal.listedSharesSum).toBeCloseTo((150 + 150 + 80 + 300 + 100) / 530, 12);
  });

  it('two categories with the same definition: the first listed stands for both', async () => {
    const out = await json([
      '--data',
      HS,
      '--partner',
      'KR',
      '--year',
      '2020',
      '--categories',
      join(FIX, 'same.categories.json'),
    ]);
    expect(byName(out, 'apparel')).toMatchObject({ within: ['textiles-and-apparel'], countedInTotal: false });
    expect(byName(out, 'clothing')).toMatchObject({
      valueUsd: 150,
      within: ['apparel', 'textiles-and-apparel'],
      countedInTotal: false,
    });
    expect(out.partnerTotal.valueUsd).toBe(530);
  });

  it('a partial overlap leaves no partner total, with a warning, and still lists every category', async () => {
    const r = await bd([
      '--data',
      HS,
      '--partner',
      'KR',
      '--year',
      '2020',
      '--categories',
      join(FIX, 'partial.categories.json'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out: Json = JSON.parse(r.stdout);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.partnerTotal).toMatchObject({
      valueUsd: null,
      listedSharesSum: null,
      partialOverlaps: [
        ['knit-and-steel', 'steel'],
        ['knit-and-steel', 'textiles-and-apparel'],
      ],
    });
    expect(out.categories.every((k) => k.shareOfPartnerTotal === null)).toBe(true);
    expect(byName(out, 'knit-and-steel')).toMatchObject({ valueUsd: 100 + 300, shareOfCategory: 400 / 3000 });
    expect(r.stderr).toMatch(/warning: no total for South Korea \(KR\): knit-and-steel and steel/);
  });

  it('reads with either parser to the same answer', async () => {
    const args = ['--data', HS, '--partner', 'KR', '--year', '2020'];
    const fast = await json(args, { env: { KORUS_PARSER: 'fast' } });
    const reference = await json(args, { env: { KORUS_PARSER: 'csv-parse' } });
    expect(reference).toEqual(fast);
  });
});

describe('breakdown of labelled data', () => {
  it('a label the catalog does not know is a category of its own, of unknown overlap; a missing value is said', async () => {
    const r = await bd(['--data', join(FIX, 'labels.csv'), '--partner', 'KR', '--json']);
    expect(r.code).toBe(0);
    const out: Json = JSON.parse(r.stdout);
    expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
    expect(out.categories.map((k) => [k.name, k.valueUsd, k.shareOfCategory, k.definition.origin])).toEqual([
      ['apparel', 50e6, 50 / 1000, 'built-in catalog'],
      ['home-furnishings', 30e6, 30 / 100, 'data'],
    ]);
    expect(out.partnerTotal).toMatchObject({ valueUsd: 80e6, unknownOverlap: ['home-furnishings'] });
    expect(out.absent.find((a) => a.name === 'footwear')).toMatchObject({ reason: 'value-missing' });
    expect(r.stderr).toContain('warning: home-furnishings is a data label without an HS definition');
    expect(r.stderr).toContain("footwear (the partner's value is missing)");
  });
});

describe('breakdown errors', () => {
  const errorLine = (stderr: string) => stderr.split('\n')[0];

  it('a partner with no rows exits 2 and lists the partners there are', async () => {
    const r = await bd(['--partner', 'Narnia']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(errorLine(r.stderr)).toBe(
      'korus-stats: error: "Narnia" has no imports rows in the data, in any category or year',
    );
    expect(r.stderr).toContain('hint: partners in the data: Bangladesh, Cambodia, Canada, China,');
  });

  it('a known country absent from the data, and a typo with its suggestion', async () => {
    const jp = await bd(['--partner', 'JP']);
    expect(jp.code).toBe(2);
    expect(errorLine(jp.stderr)).toContain('Japan (JP) has no imports rows in the data');
    const typo = await bd(['--partner', 'Chna']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean China (CN)?');
  });

  it('a year without the partner lists the years with it', async () => {
    const r = await bd(['--partner', 'KR', '--year', '2014']);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toBe(
      'korus-stats: error: South Korea (KR) has no imports figure in any category for 2014',
    );
    expect(r.stderr).toContain('hint: years with KR: 2016');
  });

  it('usage errors exit 2: no --partner, an aggregate, a bad year, svg', async () => {
    const none = await bd([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("required option '-p, --partner <partner>' not specified");
    const world = await bd(['--partner', 'World']);
    expect(world.code).toBe(2);
    expect(world.stderr).toContain('aggregate row');
    const year = await bd(['--partner', 'CN', '--year', '16']);
    expect(year.code).toBe(2);
    expect(year.stderr).toContain('expected a four-digit year');
    const svg = await bd(['--partner', 'CN', '--format', 'svg']);
    expect(svg.code).toBe(2);
  });

  it('a missing file', async () => {
    const r = await bd(['--partner', 'CN', '--data', 'nope.csv']);
    expect(r.code).toBe(2);
    expect(errorLine(r.stderr)).toBe('korus-stats: error: nope.csv: no such file or folder');
  });
});

describe('breakdown conventions', () => {
  it('--help leads with examples and explains overlapping categories; the program lists breakdown', async () => {
    const help = await bd(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('korus-stats breakdown --partner CN --year 2016');
    expect(help.stdout).toContain('within textiles-and-apparel');
    const top = await run(['--help']);
    expect(top.stdout).toMatch(/^\s+breakdown \[options\]/m);
  });

  it('never colors JSON or a pipe; colors a terminal unless --no-color', async () => {
    const args = ['--partner', 'CN', '--year', '2016'];
    expect((await bd(args)).stdout).not.toContain('\x1b[');
    expect((await bd([...args, '--json'], { env: { ...ENV, FORCE_COLOR: '1' } })).stdout).not.toContain(
      '\x1b[',
    );
    expect((await run(['breakdown', ...args], { tty: true, env: ENV })).stdout).toContain('\x1b[');
    expect((await run(['breakdown', ...args, '--no-color'], { tty: true, env: ENV })).stdout).not.toContain(
      '\x1b[',
    );
  });

  it('--quiet prints no notes', async () => {
    const r = await bd(['--partner', 'CN', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('rows repeating earlier rows', () => {
  // Repeats in apparel (also in textiles-and-apparel, which holds HS 61) and in passenger cars.
  const CSV = [
    'year,partner,hs_code,value_usd',
    '2016,KR,610910,100',
    '2016,KR,610910,100',
    '2016,KR,620342,50',
    '2016,CN,610910,70',
    '2016,CN,610910,70',
    '2016,KR,870323,900',
    '2016,KR,870323,900',
  ].join('\n');

  it('are counted once each, whatever categories they are in, in one note', async () => {
    const out = await json(['--data', '-', '--partner', 'KR', '--year', '2016'], { stdin: CSV });
    const notes = out.notes.filter((n) => n.code === 'duplicate-rows');
    // The rows that repeat an earlier row's year, partner, code and value, as SQL would count them.
    const rows = CSV.split('\n').slice(1);
    const repeats = rows.filter((r, i) => rows.indexOf(r) !== i).length;
    expect(repeats).toBe(3);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toMatch(/^3 rows repeat an earlier row exactly/);
    for (const [line, first] of [
      [3, 2],
      [6, 5],
      [8, 7],
    ])
      expect(notes[0]?.message).toContain(`<stdin>:${line} repeats <stdin>:${first}`);
    // Each category's figures still count every row, as SUM() does.
    expect(byName(out, 'apparel').valueUsd).toBe(250);
  });

  it('with --dedupe, are left out in each category and said once', async () => {
    const out = await json(['--data', '-', '--partner', 'KR', '--year', '2016', '--dedupe'], { stdin: CSV });
    const notes = out.notes.filter((n) => n.code === 'duplicate-rows-deduped');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toMatch(/^3 exact repeats of an earlier row/);
    expect(byName(out, 'apparel').valueUsd).toBe(150);
  });
});
