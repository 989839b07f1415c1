import { describe, expect, it } from 'vitest';
import { builtInCategories, type CategoryDef, inCategory } from '../../src/catalog/categories.js';
import { lookupPartner } from '../../src/catalog/partners.js';
import { ShareAccumulator, type ShareQuery, yearList } from '../../src/core/share/index.js';
import { KorusError } from '../../src/errors.js';
import { newReport, type ReadReport, type TradeRow } from '../../src/model/rows.js';
import { noteText } from '../../src/output/notes.js';

const apparel = builtInCategories().find((c) => c.name === 'apparel') as CategoryDef;
let line = 1;

/** A row of HS 6109 imports: partner text as a file would have it, value in dollars (undefined = missing). */
function row(
  year: number,
  partner: string,
  value: number | undefined,
  extra: Partial<TradeRow> = {},
): TradeRow {
  return {
    file: 'f.csv',
    line: ++line,
    year,
    partner: lookupPartner(partner),
    value,
    marker: value === undefined ? '(D)' : undefined,
    code: '6109',
    reporter: 'US',
    flow: 'imports',
    source: '',
    valueScale: 0,
    ...extra,
  };
}

function share(rows: TradeRow[], query: Partial<ShareQuery> = {}) {
  const q: ShareQuery = { category: apparel, flow: 'imports', ...query };
  const acc = new ShareAccumulator(q);
  const report: ReadReport = { ...newReport(), rowsRead: rows.length };
  // As the reader does (RowFilter): rows of another flow, reporter or source are counted, not handed on.
  const passes = (r: TradeRow) =>
    (r.flow === undefined || r.flow === q.flow) &&
    (q.reporter === undefined || r.reporter === q.reporter) &&
    (q.source === undefined || r.source.toLowerCase() === q.source.toLowerCase());
  for (const r of rows) {
    if (passes(r)) acc.add(r);
    else report.rowsFiltered++;
  }
  return acc.result(report);
}

const shareSum = (r: ReturnType<typeof share>) => r.rows.reduce((a, x) => a + (x.share ?? 0), 0);

describe('whom the ranks are among', () => {
  const scope = (rows: TradeRow[], query: Partial<ShareQuery> = {}) => share(rows, query).ranks;

  it('the whole total: a World row the listed partners add up to, and no value missing', () => {
    const whole = {
      scope: 'complete',
      listed: 3,
      unrankedUsd: 0,
      unrankedShare: 0,
      missingPartners: 0,
      reasons: [],
    };
    const partners = [row(2016, 'CN', 600), row(2016, 'VN', 300), row(2016, 'BD', 100)];
    expect(scope([row(2016, 'World', 1000), ...partners])).toEqual(whole);
    // Partners past the reported total (its rounding) leave nothing out of the ranks.
    expect(scope([row(2016, 'World', 990), ...partners]).scope).toBe('complete');
    // --top folds partners, it does not unlist them.
    expect(scope([row(2016, 'World', 1000), ...partners], { top: 1 })).toEqual(whole);
  });

  it('the listed partners only: a not-itemized part, a remainder, a missing value or no World row', () => {
    const two = [row(2016, 'CN', 600), row(2016, 'KR', 100)];
    const world = row(2016, 'World', 1000);
    expect(scope([world, ...two])).toEqual({
      scope: 'listed',
      listed: 2,
      unrankedUsd: 300,
      unrankedShare: 0.3,
      missingPartners: 0,
      reasons: ['not-itemized'],
    });
    // No World row: the total is the listed partners' own sum, which cannot show they are all.
    expect(scope(two)).toMatchObject({ scope: 'listed', unrankedUsd: 0, reasons: ['summed-total'] });
    expect(scope([...two, row(2016, 'All other', 300)])).toMatchObject({
      scope: 'listed',
      unrankedUsd: 300,
      reasons: ['remainder', 'summed-total'],
    });
    expect(scope([world, ...two, row(2016, 'Areas, nes', 300)])).toMatchObject({
      scope: 'listed',
      unrankedUsd: 300,
      reasons: ['remainder'],
    });
    // A remainder and what the World row leaves besides are both outside the listed partners.
    expect(scope([world, ...two, row(2016, 'All other', 250)])).toMatchObject({
      scope: 'listed',
      unrankedUsd: 300,
      reasons: ['remainder', 'not-itemized'],
    });
    // Vietnam's value withheld: it may be the largest, so China's rank 1 is among the listed only.
    const r = share([row(2016, 'World', 700), ...two, row(2016, 'VN', undefined)]);
    expect(r.ranks).toMatchObject({
      scope: 'listed',
      listed: 2,
      unrankedUsd: 0,
      missingPartners: 1,
      reasons: ['missing-values'],
    });
    expect(r.rows.map((x) => x.rank)).toEqual([1, 2]);
  });

  it('no ranks with fewer than two partners listed: every rank is null', () => {
    const one = share([row(2016, 'World', 80_713), row(2016, 'KR', 251)]);
    expect(one.ranks).toMatchObject({ scope: 'none', listed: 1, unrankedUsd: 80_462 });
    expect(one.rows.map((x) => [x.kind, x.rank])).toEqual([
      ['partner', null],
      ['not-itemized', null],
    ]);
    // Even when that one partner is the whole total: a rank of one says nothing.
    expect(share([row(2016, 'KR', 251)]).ranks).toMatchObject({ scope: 'none', listed: 1, unrankedUsd: 0 });
    expect(share([row(2016, 'World', 100)]).ranks).toMatchObject({ scope: 'none', listed: 0 });
  });
});

describe('share arithmetic', () => {
  it('uses a reported World row as the total and shows what the partners leave out as not itemized', () => {
    const r = share([row(2016, 'World', 1000), row(2016, 'CN', 600), row(2016, 'KR', 100)]);
    expect(r.total).toMatchObject({
      basis: 'reported-total',
      valueUsd: 1000,
      itemizedUsd: 700,
      notItemizedUsd: 300,
    });
    expect(r.rows.map((x) => [x.kind, x.code, x.valueUsd, x.share, x.rank])).toEqual([
      ['partner', 'CN', 600, 0.6, 1],
      ['partner', 'KR', 100, 0.1, 2],
      ['not-itemized', null, 300, 0.3, null],
    ]);
  });

  it('sums the partners when there is no World row', () => {
    const r = share([row(2016, 'CN', 300), row(2016, 'VN', 100)]);
    expect(r.total).toMatchObject({ basis: 'sum-of-partners', valueUsd: 400, notItemizedUsd: 0 });
    expect(r.rows.map((x) => x.share)).toEqual([0.75, 0.25]);
  });

  it('adds a reported remainder to the parts, never to the partners', () => {
    const r = share([row(2016, 'CN', 300), row(2016, 'VN', 50), row(2016, 'All other', 100)]);
    expect(r.total.valueUsd).toBe(450);
    expect(r.rows.map((x) => [x.kind, x.rank])).toEqual([
      ['partner', 1],
      ['partner', 2],
      ['remainder', null],
    ]);
  });

  it('never adds World or group rows into partner sums', () => {
    const r = share([row(2016, 'World', 1000), row(2016, 'European Union', 400), row(2016, 'DE', 200)]);
    expect(r.total.itemizedUsd).toBe(200);
    expect(r.input).toMatchObject({ rowsAggregate: 2, aggregateTotals: 1, aggregateGroups: 1, rowsUsed: 1 });
  });

  it('folds partners beyond --top into one row, keeping the highlighted partner', () => {
    const rows = [
      row(2016, 'CN', 50),
      row(2016, 'VN', 20),
      row(2016, 'BD', 15),
      row(2016, 'KR', 10),
      row(2016, 'IN', 5),
    ];
    const r = share(rows, { top: 2, partner: lookupPartner('KR') });
    expect(r.rows.map((x) => [x.kind, x.code, x.valueUsd, x.rank, x.highlighted])).toEqual([
      ['partner', 'CN', 50, 1, false],
      ['partner', 'VN', 20, 2, false],
      ['partner', 'KR', 10, 4, true],
      ['other-partners', null, 20, null, false],
    ]);
    expect(r.rows[3]?.partners).toBe(2);
    expect(shareSum(r)).toBe(1);
  });

  it('gives equal values the same rank', () => {
    const r = share([row(2016, 'CN', 10), row(2016, 'VN', 10), row(2016, 'BD', 5)]);
    expect(r.rows.map((x) => x.rank)).toEqual([1, 1, 3]);
  });

  it('keeps shares adding to 1 within 1e-9 for awkward values', () => {
    const rows = [row(2016, 'World', 80_713_830_000)];
    for (const [p, v] of [
      ['KR', 251e6],
      ['CN', 27_030_470_000],
      ['VN', 9_268e6],
      ['BD', 4_834e6],
    ] as const)
      rows.push(row(2016, p, v));
    const r = share(rows);
    expect(Math.abs(shareSum(r) - 1)).toBeLessThan(1e-9);
  });

  it('sums exactly in dollars', () => {
    // 0.1 + 0.2 style errors cannot happen with whole-dollar values below 2^53.
    const rows = Array.from({ length: 1000 }, (_, i) => row(2016, 'CN', 123_456_789 + i));
    expect(share(rows).total.valueUsd).toBe(123_456_789_000 + (999 * 1000) / 2);
  });

  it('warns when the partners exceed the reported total beyond rounding (a note within it), never with a negative row', () => {
    const over = share([row(2016, 'World', 1000), row(2016, 'CN', 1100)]);
    expect(over.notes.find((n) => n.code === 'partners-exceed-total')).toMatchObject({ level: 'warning' });
    expect(over.rows.map((x) => x.kind)).toEqual(['partner']);
    expect(over.total).toMatchObject({ valueUsd: 1000, notItemizedUsd: -100 });
    const rounding = share([
      row(2016, 'World', 120_312e6, { valueScale: 6 }),
      row(2016, 'CN', 120_313e6, { valueScale: 6 }),
    ]);
    expect(rounding.notes.find((n) => n.code === 'partners-exceed-total')).toMatchObject({ level: 'info' });
    expect(rounding.rows.some((x) => x.kind === 'not-itemized')).toBe(false);
  });

  it('gives previous-year values and changes where the data has them', () => {
    const r = share([
      row(2015, 'CN', 200),
      row(2016, 'CN', 300),
      row(2016, 'VN', 50),
      row(2015, 'World', 400),
      row(2016, 'World', 500),
    ]);
    expect(r.query.previousYear).toBe(2015);
    expect(r.rows[0]).toMatchObject({ previousValueUsd: 200, changeUsd: 100, changeFraction: 0.5 });
    expect(r.rows[1]).toMatchObject({ previousValueUsd: null, changeFraction: null });
    expect(r.total).toMatchObject({ previousValueUsd: 400, changeFraction: 0.25 });
  });

  it('chooses the latest year by default and says so', () => {
    const r = share([row(2015, 'CN', 1), row(2017, 'CN', 2)]);
    expect(r.query).toMatchObject({ year: 2017, yearChosen: 'latest', previousYear: null });
    expect(r.notes[0]).toMatchObject({ code: 'default-year' });
  });

  it('counts missing values per marker and leaves them out of both sums', () => {
    const r = share([row(2016, 'World', 100), row(2016, 'CN', 60), row(2016, 'KR', undefined)]);
    expect(r.total.notItemizedUsd).toBe(40);
    expect(r.input).toMatchObject({ rowsMissing: 1, missingByMarker: { '(D)': 1 } });
  });

  it('accounts for every row: read = used + filtered + missing + aggregate', () => {
    const rows = [
      row(2016, 'World', 100),
      row(2016, 'CN', 60),
      row(2016, 'KR', undefined),
      row(2014, 'CN', 5),
      row(2016, 'CN', 7, { code: '6403' }),
      row(2016, 'CN', 7, { flow: 'exports' }),
      row(2016, 'ASEAN', 9),
    ];
    const i = share(rows, { year: 2016 }).input;
    expect([i.rowsUsed, i.rowsFiltered, i.rowsMissing, i.rowsAggregate]).toEqual([1, 3, 1, 2]);
    expect(i.rowsUsed + i.rowsFiltered + i.rowsMissing + i.rowsAggregate).toBe(rows.length);
  });

  it('refuses to add two sources or two reporters together', () => {
    expect(() => share([row(2016, 'CN', 1, { source: 'A' }), row(2016, 'VN', 1, { source: 'B' })])).toThrow(
      /apparel rows come from 2 sources: A \(1 row\), B \(1 row\)/,
    );
    expect(() =>
      share([row(2016, 'CN', 1, { reporter: 'US' }), row(2016, 'VN', 1, { reporter: 'CA' })]),
    ).toThrow(KorusError);
    const one = share([row(2016, 'CN', 1, { source: 'A' }), row(2016, 'VN', 1, { source: 'B' })], {
      source: 'b',
    });
    expect(one.rows.map((x) => x.code)).toEqual(['VN']);
  });

  it('counts an exact repeat of a row as given (as SUM() does), with a warning naming both lines', () => {
    const dup = share([row(2016, 'World', 10), row(2016, 'CN', 4), row(2016, 'CN', 4)]);
    expect(dup.rows[0]).toMatchObject({ code: 'CN', valueUsd: 8 });
    const note = dup.notes.find((n) => n.code === 'duplicate-rows');
    expect(note).toMatchObject({ level: 'warning', count: 1 });
    expect(note && noteText(note)).toMatch(/f\.csv:\d+ repeats f\.csv:\d+/);
    expect(note && noteText(note)).toContain('--dedupe');
    const split = share([row(2016, 'CN', 4), row(2016, 'CN', 5)]);
    expect(split.rows[0]?.valueUsd).toBe(9);
    expect(split.notes.find((n) => n.code === 'repeated-keys')).toMatchObject({ level: 'info', count: 1 });
  });

  it('--dedupe counts an exact repeat once, and says so', () => {
    const rows = [row(2016, 'World', 10), row(2016, 'World', 10), row(2016, 'CN', 4), row(2016, 'CN', 4)];
    const once = share(rows, { dedupe: true });
    expect(once.total.valueUsd).toBe(10);
    expect(once.rows[0]).toMatchObject({ code: 'CN', valueUsd: 4 });
    expect(once.notes.find((n) => n.code === 'duplicate-rows-deduped')).toMatchObject({ count: 2 });
    expect(
      once.input.rowsUsed + once.input.rowsFiltered + once.input.rowsMissing + once.input.rowsAggregate,
    ).toBe(once.input.rowsRead);
  });

  it('stops on two World rows for one key (a total is given once)', () => {
    expect(() => share([row(2016, 'World', 10), row(2016, 'World', 10)])).toThrow(
      /two World\/total rows for 2016 World 6109/,
    );
    expect(() =>
      share([row(2016, 'World', 10, { file: 'a.csv' }), row(2016, 'World', 11, { file: 'b.csv' })]),
    ).toThrow(/two World\/total rows for 2016 World 6109: 10 \(a.csv:\d+\) and 11 \(b.csv:\d+\)/);
  });

  it('refuses two files that give different values for the same row', () => {
    expect(() =>
      share([row(2016, 'CN', 10, { file: 'a.csv' }), row(2016, 'CN', 11, { file: 'b.csv' })]),
    ).toThrow(/two files give different values for 2016 China 6109: 10 \(a.csv:\d+\) and 11 \(b.csv:\d+\)/);
  });

  it('keeps monthly and annual rows apart, and uses the December row of year-to-date figures', () => {
    const annual = share([row(2016, 'CN', 100), row(2016, 'CN', 60, { month: 6 })]);
    expect(annual.rows[0]?.valueUsd).toBe(100);
    expect(annual.notes.map((n) => n.code)).toContain('monthly-rows-unused');
    const ytd = share([
      row(2016, 'CN', 50, { month: 6, cumulative: true }),
      row(2016, 'CN', 120, { month: 12, cumulative: true }),
      row(2016, 'VN', 30, { month: 12, cumulative: true }),
    ]);
    expect(ytd.rows.map((r) => [r.code, r.valueUsd])).toEqual([
      ['CN', 120],
      ['VN', 30],
    ]);
    const months = share([row(2016, 'CN', 10, { month: 1 }), row(2016, 'CN', 15, { month: 2 })]);
    expect(months.rows[0]?.valueUsd).toBe(25);
    const period = months.notes.find((n) => n.code === 'period');
    expect(period && noteText(period)).toContain('months Jan, Feb only');
  });

  it('refuses HS codes that nest, and different value bases', () => {
    expect(() => share([row(2016, 'CN', 10, { code: '61' }), row(2016, 'CN', 4, { code: '6109' })])).toThrow(
      /HS 61 and HS 6109 both count for apparel/,
    );
    expect(() =>
      share([
        row(2016, 'CN', 10, { basis: 'general imports' }),
        row(2016, 'VN', 4, { basis: 'imports for consumption' }),
      ]),
    ).toThrow(/2 value bases/);
  });

  it('says when the highlighted partner has no row, or a suppressed one', () => {
    expect(() =>
      share([row(2016, 'CN', 1), row(2015, 'KR', 1)], { year: 2016, partner: lookupPartner('KR') }),
    ).toThrow(/South Korea \(KR\) has no apparel imports row for 2016/);
    expect(() =>
      share([row(2016, 'CN', 1), row(2016, 'KR', undefined)], { partner: lookupPartner('KR') }),
    ).toThrow(/missing in the data/);
  });

  it('says a file of World rows only has no partner detail, and still gives the total', () => {
    const r = share([row(2016, 'World', 100)]);
    expect(r.rows.map((x) => x.kind)).toEqual(['not-itemized']);
    expect(r.notes.map((n) => n.code)).toContain('no-partner-detail');
  });
});

const catCode = (r: Partial<TradeRow>): [string | undefined, string | undefined] => [r.category, r.code];

describe('inCategory', () => {
  it('prefers the category column, else matches HS prefixes as strings', () => {
    expect(inCategory(...catCode({ category: 'apparel', code: '6403' }), apparel)).toBe('category-column');
    expect(inCategory(...catCode({ category: 'footwear', code: '6109' }), apparel)).toBeUndefined();
    expect(inCategory(...catCode({ code: '620342' }), apparel)).toBe('hs-code');
    expect(inCategory(...catCode({ code: '0610' }), apparel)).toBeUndefined();
  });
});

describe('yearList', () => {
  it('collapses runs', () => {
    expect(yearList([2012, 2013, 2014, 2016, 2017, 2019])).toBe('2012-2014, 2016-2017, 2019');
    expect(yearList([2020])).toBe('2020');
  });
});
