import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../schemas/trend.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const fx = (name: string) => join(import.meta.dirname, '../fixtures/trend', name);
const TA = ['trend', '--category', 'textiles-and-apparel'];
const CN_2012_2016 = [...TA, '--partner', 'CN', '--from', '2012', '--to', '2016'];

// USITC textiles and apparel (US$ m), data/usitc-textiles-apparel.csv.
const CN = [45061, 46467, 47220, 48892, 45221];
const TOTAL = [113860, 118003, 121687, 126548, 120312];

type Point = {
  year: number;
  valueUsd: number | null;
  share: number | null;
  rank: number | null;
  changeUsd: number | null;
  changeFraction: number | null;
  shareChangePp: number | null;
  gap: string | null;
};
type Series = {
  code: string;
  name: string;
  points: Point[];
  cagr: number | null;
  shareChangePp: number | null;
  verdict: string;
  directions: { share: { direction: string; up: number; down: number }; value: { direction: string } };
};
type Json = {
  query: { from: number; to: number; partners: string[]; top: number | null; topYear: number | null };
  years: number[];
  series: Series[];
  total: {
    points: Array<{
      year: number;
      valueUsd: number | null;
      gap: string | null;
      partOfYear: string | null;
      ranks: { scope: string; listed: number; unrankedUsd: number; reasons: string[] } | null;
    }>;
    cagr: number | null;
  };
  concentration: Array<{
    year: number;
    hhi: number | null;
    band: string | null;
    partners: number | null;
    top1Share: number | null;
    top5Share: number | null;
    itemizedShareOfTotal: number | null;
    gap: string | null;
  }> | null;
  notes: Array<{ code: string; level: string }>;
  input: {
    rowsRead: number;
    rowsUsed: number;
    rowsFiltered: number;
    rowsMissing: number;
    rowsAggregate: number;
  };
};

async function json(argv: string[]): Promise<Json> {
  const r = await run([...argv, '--json']);
  expect(r.stderr.split('\n').filter((l) => l.includes('error'))).toEqual([]);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  const i = out.input;
  expect(i.rowsUsed + i.rowsFiltered + i.rowsMissing + i.rowsAggregate).toBe(i.rowsRead);
  return out;
}

describe('trend on the bundled data', () => {
  it("China's 2012-2016 values, shares of the reported totals, changes and CAGR", async () => {
    const out = await json(CN_2012_2016);
    expect(out.years).toEqual([2012, 2013, 2014, 2015, 2016]);
    const [cn] = out.series;
    expect(cn?.code).toBe('CN');
    expect(cn?.points.map((p) => p.valueUsd)).toEqual(CN.map((v) => v * 1e6));
    expect(out.total.points.map((p) => p.valueUsd)).toEqual(TOTAL.map((v) => v * 1e6));
    cn?.points.forEach((p, i) => {
      expect(p.share).toBeCloseTo((CN[i] as number) / (TOTAL[i] as number), 12);
      expect(p.rank).toBe(1);
      expect(p.gap).toBeNull();
      if (i === 0) {
        expect(p.changeUsd).toBeNull(); // the data starts in 2012
        return;
      }
      const before = CN[i - 1] as number;
      expect(p.changeUsd).toBe(((CN[i] as number) - before) * 1e6);
      expect(p.changeFraction).toBeCloseTo(((CN[i] as number) - before) / before, 12);
      const shareBefore = before / (TOTAL[i - 1] as number);
      expect(p.shareChangePp).toBeCloseTo(((CN[i] as number) / (TOTAL[i] as number) - shareBefore) * 100, 9);
    });
    const cagr = (45221 / 45061) ** (1 / 4) - 1;
    expect(Math.abs((cn?.cagr as number) - cagr)).toBeLessThan(1e-9);
    expect(cn?.cagr).toBeCloseTo(0.0009, 4); // about 0.09% a year
    expect(cn?.shareChangePp).toBeCloseTo((45221 / 120312 - 45061 / 113860) * 100, 9);
    expect(cn?.verdict).toBe('share falling: 4 of 4 years down');
    expect(out.input).toMatchObject({ rowsRead: 200, rowsUsed: 55, rowsAggregate: 5 });
  });

  it('the table shows the values, shares, changes, CAGR and verdict', async () => {
    const r = await run([...CN_2012_2016, '--units', 'millions']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /China \(CN\)\s*│ US\$ m\s*│\s*45,061 │\s*46,467 │\s*47,220 │\s*48,892 │\s*45,221 │ ▁▄▅█▁ │\s*\+0\.09%\/yr │ -1\.99 pp │ share falling: 4 of 4 years down/,
    );
    expect(r.stdout).toMatch(/│ share\s*│\s*39\.58% │\s*39\.38% │\s*38\.80% │\s*38\.64% │\s*37\.59% │/);
    expect(r.stdout).toMatch(/│ change\s*│\s*– │\s*\+3\.1% │\s*\+1\.6% │\s*\+3\.5% │\s*-7\.5% │/);
    expect(r.stdout).toMatch(/Total \(reported\)\s*│ US\$ m\s*│\s*113,860 │/);
    expect(r.stdout).toContain('USITC textiles and apparel sector');
    expect(r.stdout).toMatch(/^Total\s+reported World\/total row \(2012-2016\)/m);
    expect(r.stdout).not.toContain('\x1b[');
    const human = await run(CN_2012_2016);
    expect(human.stdout).toMatch(/China \(CN\)\s*│ value\s*│\s*US\$45\.06bn │/);
  });

  it('--top 3 follows China, Vietnam and India (the top three of 2016)', async () => {
    const out = await json([...TA, '--top', '3']);
    expect(out.series.map((s) => s.name)).toEqual(['China', 'Vietnam', 'India']);
    expect(out.query).toMatchObject({ top: 3, topYear: 2016, partners: [], from: 2012, to: 2016 });
    const table = await run([...TA, '--top', '3']);
    expect(table.stdout).toMatch(/China \(CN\)[\s\S]*Vietnam \(VN\)[\s\S]*India \(IN\)/);
  });

  it('without --partner or --top, the top 5; --partner may be repeated, by any code or name', async () => {
    expect((await json(TA)).series).toHaveLength(5);
    const out = await json([...TA, '--partner', 'VNM', '--partner', 'El Salvador', '--partner', '5700']);
    expect(out.series.map((s) => s.code)).toEqual(['VN', 'SV', 'CN']);
    expect(out.query.partners).toEqual(['VN', 'SV', 'CN']);
    const both = await json([...TA, '--partner', 'SV', '--top', '2']);
    expect(both.series.map((s) => s.code)).toEqual(['SV', 'CN', 'VN']);
  });

  it('a year missing from the bundled apparel data is a gap, not 0', async () => {
    const out = await json(['trend', '--category', 'apparel', '--partner', 'CN']);
    const cn = out.series[0] as Series;
    expect(cn.points.map((p) => [p.year, p.valueUsd, p.gap])).toEqual([
      [2012, null, 'not-listed'],
      [2013, null, 'not-listed'],
      [2014, 29_793e6, null],
      [2015, null, 'no-data'],
      [2016, null, 'not-listed'],
      [2017, 27_030.47e6, null],
    ]);
    expect(cn.cagr).toBeCloseTo((27030.47 / 29793) ** (1 / 3) - 1, 12);
    expect(cn.verdict).toBe('share: too few years to tell');
    expect(out.total.points.find((p) => p.year === 2015)).toMatchObject({ valueUsd: null, gap: 'no-data' });
    expect(out.notes.map((n) => n.code)).toContain('gap-years');
  });

  it('JSON and CSV are stable (snapshots)', async () => {
    const j = await run([...TA, '--top', '2', '--concentration', '--json']);
    expect(j.stdout).toMatchSnapshot();
    const c = await run([...TA, '--top', '2', '--format', 'csv']);
    expect(c.stdout.split('\n')[1]).toBe(
      [
        'textiles-and-apparel,imports,US,"general imports, customs value"',
        ...['partner', 'CN', 'China', 2012, 45061e6, 45061 / 113860, 1, '', '', '', '', 'listed', 10],
      ].join(','),
    );
    expect(c.stdout).toMatchSnapshot();
  });

  it('Markdown is the same table', async () => {
    const r = await run([...CN_2012_2016, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '| China (CN) | value | US$45.06bn | US$46.47bn | US$47.22bn | US$48.89bn | US$45.22bn | ▁▄▅█▁ | +0.09%/yr | -1.99 pp | share falling: 4 of 4 years down |',
    );
    expect(r.stdout).toMatch(/^- Verdict: /m);
  });

  it('--ascii draws the sparklines in plain ASCII', async () => {
    const r = await run([...CN_2012_2016, '--ascii']);
    expect(r.stdout).toMatch(/│ _=\+#_ │/);
    expect(r.stdout).not.toMatch(/[▁▂▃▄▅▆▇█]/);
  });
});

describe('trend: whom the ranks are among', () => {
  it('USITC\'s years list ten partners and an "All other": China is 1 of 10 listed, never plain 1', async () => {
    const r = await run(CN_2012_2016);
    expect(r.stdout).toMatch(
      /^│\s+│ rank\s+│ 1 of 10 listed │ 1 of 10 listed │ 1 of 10 listed │ 1 of 10 listed │ 1 of 10 listed │/m,
    );
    expect(r.stdout).toMatch(
      /^Ranks\s+"of N listed" is among the year's listed partners only, in 2012-2016 \(24\.5%-25\.3% of the total not itemized by partner\)$/m,
    );
    const md = await run([...CN_2012_2016, '--format', 'markdown']);
    expect(md.stdout).toContain('|  | rank | 1 of 10 listed | 1 of 10 listed |');
    const out = await json(CN_2012_2016);
    expect(out.total.points.map((p) => [p.year, p.ranks?.scope, p.ranks?.listed])).toEqual(
      [2012, 2013, 2014, 2015, 2016].map((y) => [y, 'listed', 10]),
    );
    expect(out.total.points[4]?.ranks?.unrankedUsd).toBe(29_522e6);
  });

  it('no rank in a year that lists one partner (OTEXA 2017: China only), and the footer says so', async () => {
    const r = await run(['trend', '--category', 'apparel', '--partner', 'CN']);
    expect(r.stdout).toMatch(/^│\s+│ rank\s+│\s+– │\s+– │ 1 of 9 listed │\s+– │\s+– │\s+– │/m);
    expect(r.stdout).toMatch(
      /^Ranks\s+"of N listed" is among the year's listed partners only, in 2014 \(26\.1% of the total not itemized by partner\); none in 2017 \(fewer than two partners listed\)$/m,
    );
    const out = await json(['trend', '--category', 'apparel', '--partner', 'CN']);
    const cn = out.series[0] as Series;
    expect(cn.points.map((p) => [p.year, p.valueUsd !== null, p.rank])).toEqual([
      [2012, false, null],
      [2013, false, null],
      [2014, true, 1],
      [2015, false, null],
      [2016, false, null],
      [2017, true, null],
    ]);
    expect(out.total.points.map((p) => p.ranks?.scope ?? null)).toEqual([
      'none',
      'none',
      'listed',
      null,
      'none',
      'none',
    ]);
  });

  it('a year whose partners make its World row ranks as ever; a not-itemized part or no World row says "listed"', async () => {
    const args = ['trend', '--data', fx('gaps.csv'), '--category', 'apparel', '--partner', 'VN'];
    const r = await run(args);
    // 2018: a World row of 1,000 over partners of 900; 2019: no World row; 2021: partners add up to the World row.
    expect(r.stdout).toMatch(/^│\s+│ rank\s+│ 2 of 3 listed │ 2 of 5 listed │\s+– │\s+2 │/m);
    expect(r.stdout).toMatch(
      /^Ranks\s+"of N listed" is among the year's listed partners only, in 2018-2019 \(10\.0% of the total not itemized by partner in 2018; no World\/total row in 2019, the total their own sum\)$/m,
    );
    const csv = await run([...args, '--format', 'csv']);
    // Each record starts with the question (category, flow, reporter, basis: the fixture has neither of the last two).
    expect(csv.stdout.split('\n').filter((l) => l.startsWith('apparel,imports,,,partner,'))).toEqual([
      'apparel,imports,,,partner,VN,Vietnam,2018,300,0.3,2,,,,,listed,3',
      'apparel,imports,,,partner,VN,Vietnam,2019,200,0.2,2,-100,-0.3333333333333333,-9.999999999999998,,listed,5',
      'apparel,imports,,,partner,VN,Vietnam,2020,,,,,,,no-data,,',
      'apparel,imports,,,partner,VN,Vietnam,2021,200,0.2,2,,,,,complete,3',
    ]);
    const out = await json(args);
    expect(out.total.points.map((p) => p.ranks?.reasons ?? null)).toEqual([
      ['not-itemized'],
      ['summed-total'],
      null,
      [],
    ]);
    const whole = await run([...args, '--from', '2021']);
    expect(whole.stdout).toMatch(/^│\s+│ rank\s+│\s+2 │/m);
    expect(whole.stdout).not.toMatch(/^Ranks/m);
  });
});

describe('trend on user files', () => {
  it('a year missing from the data is null in JSON, empty in CSV and – in the table, never 0', async () => {
    const out = await json(['trend', '--data', fx('gaps.csv'), '--category', 'apparel', '--partner', 'VN']);
    expect(out.years).toEqual([2018, 2019, 2020, 2021]);
    const vn = out.series[0] as Series;
    expect(vn.points[2]).toEqual({
      year: 2020,
      valueUsd: null,
      share: null,
      rank: null,
      changeUsd: null,
      changeFraction: null,
      shareChangePp: null,
      gap: 'no-data',
    });
    // 2021 is compared with nothing: 2020 has no data.
    expect(vn.points[3]).toMatchObject({ valueUsd: 200, share: 0.2, changeUsd: null });
    expect(vn.cagr).toBeCloseTo((200 / 300) ** (1 / 3) - 1, 12);
    expect(vn.verdict).toBe('share falling: 1 of 1 year down');
    expect(out.total.points[2]).toMatchObject({ valueUsd: null, gap: 'no-data' });
    const csv = await run([
      'trend',
      '--data',
      fx('gaps.csv'),
      '--category',
      'apparel',
      '--partner',
      'VN',
      '-f',
      'csv',
    ]);
    expect(csv.stdout).toContain('\napparel,imports,,,partner,VN,Vietnam,2020,,,,,,,no-data,,\n');
    const table = await run(['trend', '--data', fx('gaps.csv'), '--category', 'apparel', '--partner', 'VN']);
    expect(table.stdout).toMatch(/Vietnam \(VN\)\s*│ value\s*│\s*US\$300 │\s*US\$200 │\s*– │\s*US\$200 │/);
    expect(table.stdout).toMatch(/^Gaps\s+– is no figure, never 0: no apparel data for 2020/m);
  });

  it('a partner a year does not list is a gap too', async () => {
    const out = await json(['trend', '--data', fx('gaps.csv'), '--category', 'apparel', '--partner', 'MX']);
    expect(out.series[0]?.points.map((p) => p.gap)).toEqual(['not-listed', null, 'no-data', 'not-listed']);
  });

  it('--concentration gives the HHI, band, top shares and partner count per year', async () => {
    const out = await json(['trend', '--data', fx('gaps.csv'), '--category', 'apparel', '--concentration']);
    const hhi = (xs: number[]) => {
      const sum = xs.reduce((a, v) => a + v, 0);
      return xs.reduce((a, v) => a + ((v / sum) * 100) ** 2, 0);
    };
    const k = out.concentration ?? [];
    expect(k.map((p) => p.year)).toEqual([2018, 2019, 2020, 2021]);
    // 2018: World 1000, itemized 500 + 300 + 100 = 900: the HHI covers those only.
    expect(k[0]?.hhi).toBeCloseTo(hhi([500, 300, 100]), 9);
    expect(k[0]?.hhi).toBeCloseTo(4320.99, 2);
    expect(k[0]).toMatchObject({ band: 'high', partners: 3, top1Share: 0.5, gap: null });
    expect(k[0]?.top5Share).toBeCloseTo(0.9, 12);
    expect(k[0]?.itemizedShareOfTotal).toBeCloseTo(0.9, 12);
    // 2019: no World row, the partners are the total.
    expect(k[1]?.hhi).toBeCloseTo(2150, 9);
    expect(k[1]).toMatchObject({ band: 'moderate', partners: 5, top1Share: 0.3, top5Share: 1 });
    expect(k[2]).toMatchObject({ hhi: null, band: null, partners: null, gap: 'no-data' });
    expect(k[3]?.hhi).toBeCloseTo(4400, 9);
    expect(k[3]).toMatchObject({ band: 'high', partners: 3, top1Share: 0.6, top5Share: 1 });
    const table = await run(['trend', '--data', fx('gaps.csv'), '--category', 'apparel', '--concentration']);
    expect(table.stdout).toMatch(
      /Concentration\s*│ HHI\s*│\s*4,321 high │\s*2,150 moderate │\s*– │\s*4,400 high │/,
    );
    expect(table.stdout).toMatch(/covers the itemized partners only in 2018 \(90\.0% of the total\)/);
  });

  it('a year of monthly figures that stop in June is marked, and left out of the CAGR', async () => {
    const monthly = join(import.meta.dirname, '../fixtures/periods/monthly.csv');
    const out = await json(['trend', '--data', monthly, '--category', 'apparel', '--partner', 'CN']);
    expect(out.total.points.map((p) => p.partOfYear)).toEqual([
      null,
      'months Jan, Feb, Mar, Apr, May, Jun only',
    ]);
    expect(out.series[0]?.cagr).toBeNull();
    expect(out.total.cagr).toBeNull();
    expect(out.notes.map((n) => n.code)).toContain('part-of-year');
    const table = await run(['trend', '--data', monthly, '--category', 'apparel', '--partner', 'CN']);
    expect(table.stdout).toMatch(/│\s*2015 │\s*2016\* │/);
    expect(table.stdout).toMatch(/^Part year\s+2016\* covers months Jan/m);
  });

  it('a year that cannot be computed (two sources) is a gap with a warning; alone it is an error', async () => {
    const args = ['trend', '--data', fx('two-sources.csv'), '--category', 'apparel'];
    const r = await run(args);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: 2020 left as a gap: apparel rows come from 2 sources');
    expect(r.stdout).toMatch(/^Gaps\s+– is no figure, never 0: 2020 could not be computed/m);
    const out = await json(args);
    expect(out.series[0]?.points.map((p) => [p.year, p.valueUsd, p.gap])).toEqual([
      [2018, 400, null],
      [2019, 420, null],
      [2020, null, 'not-computed'],
    ]);
    expect(out.notes.map((n) => n.code)).toContain('year-skipped');
    const alone = await run([...args, '--from', '2020']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('apparel rows come from 2 sources');
    expect(alone.stderr).toContain('pick one with --source');
    const picked = await json([...args, '--source', 'B']);
    expect(picked.series[0]?.points.map((p) => p.valueUsd)).toEqual([470]);
  });

  it('value rising, share falling', async () => {
    const out = await json(['trend', '--data', fx('mixed.csv'), '--category', 'apparel']);
    const [cn, vn] = out.series;
    expect(cn?.verdict).toBe('value rising, share falling: 3 of 3 years down');
    expect(cn?.directions.value.direction).toBe('rising');
    expect(vn?.verdict).toBe('share rising: 3 of 3 years up');
  });
});

describe('trend as an SVG chart', () => {
  const texts = (svg: { text: Array<{ '#text': string } | string> }) =>
    svg.text.map((t) => (typeof t === 'string' ? t : t['#text']));
  const asArray = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);

  it('is well-formed, accessible, with one line per partner, axis labels, a legend and the source', async () => {
    const r = await run([...TA, '--top', '3', '--format', 'svg']);
    expect(r.code).toBe(0);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const svg = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(r.stdout).svg;
    expect(svg['@_role']).toBe('img');
    expect(svg.title['#text']).toBe('US imports of textiles and apparel by partner, value, 2012-2016');
    expect(svg.desc['#text']).toContain('China: US$45.06bn in 2012 to US$45.22bn in 2016');
    const lines = asArray(svg.path).filter((p: Record<string, string>) => p['@_class'] === 'series');
    expect(lines.map((p: Record<string, string>) => p['@_data-partner'])).toEqual(['CN', 'VN', 'IN']);
    expect(asArray(svg.circle)).toHaveLength(15);
    const t = texts(svg);
    expect(t).toContain('Value (US$ bn)');
    expect(t).toContain('Year');
    expect(t).toEqual(expect.arrayContaining(['China (CN)', 'Vietnam (VN)', 'India (IN)', '2012', '2016']));
    expect(t.some((s) => s.includes('Source: data/usitc-textiles-apparel.csv (USITC)'))).toBe(true);
    expect(t.some((s) => s.includes('Basis: general imports, customs value'))).toBe(true);
  });

  it('breaks a line at a gap, and plots shares in % with --plot share', async () => {
    const r = await run([
      'trend',
      '--data',
      fx('gaps.csv'),
      '--category',
      'apparel',
      '--partner',
      'VN',
      '--format',
      'svg',
      '--plot',
      'share',
    ]);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const svg = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(r.stdout).svg;
    const line = asArray(svg.path).find((p: Record<string, string>) => p['@_class'] === 'series');
    // 2018-2019 joined, then a new segment (a lone point) at 2021: two moves, one line.
    expect(line['@_d'].match(/M/g)).toHaveLength(2);
    expect(line['@_d'].match(/L/g)).toHaveLength(1);
    expect(asArray(svg.circle)).toHaveLength(3);
    const t = texts(svg);
    expect(t).toContain('Share of the total (%)');
    // The source lines wrap: read them as one text.
    expect(t.join(' ')).toContain('A break in a line: no figure for that year.');
  });

  it('--json and --format svg contradict each other', async () => {
    const r = await run([...TA, '--format', 'svg', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--json and --format svg contradict each other');
  });
});

describe('trend errors', () => {
  it('an unknown category exits 2 with a suggestion', async () => {
    const r = await run(['trend', '--category', 'aparel']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown category "aparel"');
    expect(r.stderr).toContain('did you mean "apparel"?');
  });

  it('a partner absent from every year in range exits 2, saying where it is', async () => {
    const r = await run(['trend', '--category', 'apparel', '--partner', 'KR', '--to', '2014']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('South Korea (KR) has no apparel imports row in 2012-2014');
    expect(r.stderr).toContain('years with KR: 2016');
    const none = await run([...TA, '--partner', 'Narnia']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('"Narnia" has no textiles-and-apparel imports row in 2012-2016');
    const typo = await run(['trend', '--category', 'apparel', '--partner', 'Vietnm']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('hint: did you mean Vietnam (VN)?; partners in the 2017 data:');
  });

  it('a range without data, --from after --to, and an aggregate as --partner exit 2', async () => {
    const empty = await run([...TA, '--from', '2000', '--to', '2005']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no textiles-and-apparel imports data in 2000-2005');
    expect(empty.stderr).toContain('years with data: 2012-2016');
    const backwards = await run([...TA, '--from', '2016', '--to', '2012']);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('--from 2016 is after --to 2012');
    const world = await run([...TA, '--partner', 'World']);
    expect(world.code).toBe(2);
    expect(world.stderr).toContain('aggregate row');
  });

  it('--help leads with examples', async () => {
    const r = await run(['trend', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--format <format>');
    expect(r.stdout).toContain('"svg"');
  });
});
