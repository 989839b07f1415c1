// The commands beside share that run.mjs times against DuckDB, pair by pair: trend, breakdown and validate's
// duplicate-key check. Each pair is korus-stats' command, DuckDB's query of the same question, and a check of
// the two answers that gives the disagreements found (an empty list when they agree): values and counts
// exactly, shares and fractions within 1e-12. Nothing here knows an answer: both sides compute it from the file.
import { join } from 'node:path';

const TOLERANCE = 1e-12;
const TREND_PARTNER = 'KR';
const BREAKDOWN_PARTNER = 'KR';
const BREAKDOWN_YEAR = 2016;

/** Collects disagreements: `same` for exact figures, `close` for fractions. */
function differ() {
  const problems = [];
  return {
    problems,
    same(what, ours, theirs) {
      if (ours !== theirs) problems.push(`${what}: korus-stats ${ours}, DuckDB ${theirs}`);
    },
    close(what, ours, theirs) {
      const ok =
        (ours === null && theirs === null) ||
        (typeof ours === 'number' && typeof theirs === 'number' && Math.abs(ours - theirs) <= TOLERANCE);
      if (!ok) problems.push(`${what}: korus-stats ${ours}, DuckDB ${theirs} (tolerance ${TOLERANCE})`);
    },
  };
}

function compareTrend(koText, duckText) {
  const ko = JSON.parse(koText);
  const duck = JSON.parse(duckText).years;
  const d = differ();
  const series = ko.series.find((s) => s.code === TREND_PARTNER);
  if (!series) return [`trend: korus-stats has no series for ${TREND_PARTNER}`];
  const years = new Set([...ko.years.map(String), ...Object.keys(duck)]);
  for (const y of years) {
    const i = ko.years.indexOf(Number(y));
    const point = series.points[i];
    const total = ko.total.points[i];
    const theirs = duck[y];
    if (total?.gap === 'no-data' && !theirs) continue; // a year in range without rows, on both sides
    if (!point || !total || !theirs || total.gap !== null) {
      d.problems.push(
        `trend ${y}: korus-stats ${total ? `gap ${total.gap}` : 'has no such year'}, DuckDB ${theirs ? 'has rows' : 'none'}`,
      );
      continue;
    }
    // The query sums the partners: the generated file has no World/total row, and korus-stats must say so.
    d.same(`trend ${y} total basis`, total.basis, 'sum-of-partners');
    d.same(`trend ${y} total`, total.valueUsd, theirs.total);
    d.same(`trend ${y} ${TREND_PARTNER} value`, point.valueUsd, theirs.value);
    d.close(`trend ${y} ${TREND_PARTNER} share`, point.share, theirs.share);
    // Ranks as SQL's rank() (ties share one), none when fewer than two partners are listed.
    d.same(`trend ${y} ${TREND_PARTNER} rank`, point.rank, theirs.partners >= 2 ? theirs.rank : null);
  }
  return d.problems;
}

function compareBreakdown(koText, duckText, catalog) {
  const ko = JSON.parse(koText);
  const duck = JSON.parse(duckText);
  const d = differ();
  const names = new Set([...ko.categories.map((c) => c.name), ...Object.keys(duck.categories)]);
  for (const name of names) {
    const ours = ko.categories.find((c) => c.name === name);
    const theirs = duck.categories[name];
    if (!ours || !theirs) {
      const def = catalog.categories.find((c) => c.name === name);
      const why = def?.labelOnly || def?.codes ? ' (matched by label or exact code: not in the query)' : '';
      d.problems.push(`breakdown ${name}: listed by ${ours ? 'korus-stats' : 'DuckDB'} only${why}`);
      continue;
    }
    d.same(`breakdown ${name} total basis`, ours.categoryTotal.basis, 'sum-of-partners');
    d.same(`breakdown ${name} value`, ours.valueUsd, theirs.value);
    d.same(`breakdown ${name} previous value`, ours.previousValueUsd, theirs.previous);
    d.same(
      `breakdown ${name} change`,
      ours.changeUsd,
      theirs.previous === null ? null : theirs.value - theirs.previous,
    );
    d.same(`breakdown ${name} category total`, ours.categoryTotal.valueUsd, theirs.total);
    d.same(
      `breakdown ${name} previous category total`,
      ours.categoryTotal.previousValueUsd,
      theirs.previousTotal,
    );
    d.same(`breakdown ${name} partners`, ours.partners, theirs.partners);
    d.same(`breakdown ${name} rank`, ours.rank, theirs.partners >= 2 ? theirs.rank : null);
    d.close(`breakdown ${name} share of category`, ours.shareOfCategory, theirs.shareOfCategory);
    d.close(`breakdown ${name} share of partner total`, ours.shareOfPartnerTotal, theirs.shareOfPartnerTotal);
    d.close(`breakdown ${name} change fraction`, ours.changeFraction, theirs.changeFraction);
  }
  d.same('breakdown partner total', ko.partnerTotal.valueUsd, duck.partnerTotal);
  d.same('breakdown previous partner total', ko.partnerTotal.previousValueUsd, duck.previousPartnerTotal);
  return d.problems;
}

/** validate's count of duplicate-row warnings, from its text report ("warning duplicate-row (1,000 of N)"). */
export function duplicateRows(text) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes, should a terminal force them
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  const m = /^ {2}warning duplicate-row \((?:[\d,]+ of )?([\d,]+)\)$/m.exec(plain);
  return m ? Number(m[1].replaceAll(',', '')) : 0;
}

function compareValidate(koText, duckText) {
  // Every row past a key's first is a duplicate-row warning: DuckDB's repeated keys hold `rows` rows.
  const { keys, rows } = JSON.parse(duckText);
  const d = differ();
  d.same('validate duplicate-row warnings', duplicateRows(koText), rows - keys);
  return d.problems;
}

/** What each comparison covers, printed under the table. */
export const COMPARED = [
  `trend --partner ${TREND_PARTNER}: per year the partner's value, the year's total (the sum of the partners: the file has no World/total row) and the rank, exactly; the share within ${TOLERANCE}`,
  `breakdown --partner ${BREAKDOWN_PARTNER} --year ${BREAKDOWN_YEAR}: the categories listed; per category the partner's value and last year's, the change, the category's total both years, the partner count and the rank, exactly; the share of the category, the share of the partner's total and the change fraction within ${TOLERANCE}; the partner's total both years, exactly`,
  `breakdown, what the query does not do: categories matched by a category label or an exact code (the file has neither; a category korus-stats listed from them would be a disagreement), and which category is within which: the query adds the partner's rows in any category, each row once, where korus-stats adds its top-level categories, the same sum when those do not overlap (as in the built-in catalog), and it is compared`,
  'validate: the duplicate-row warnings korus-stats counts against the rows past the first of each key (year, reporter, partner, hs_code, flow) that DuckDB finds repeated',
];

/** The pairs for one file: { command, korus, duck, compare(korusOut, duckOut) -> disagreements }. */
export function pairs({ root, file, catalog }) {
  const bin = [process.execPath, join(root, 'bin/korus-stats.js')];
  const here = import.meta.dirname;
  return [
    {
      command: 'trend',
      korus: [
        ...bin,
        'trend',
        '--data',
        file,
        '--category',
        'apparel',
        '--partner',
        TREND_PARTNER,
        '--flow',
        'imports',
        '--json',
        '--quiet',
      ],
      duck: [process.execPath, join(here, 'duckdb-trend.mjs'), file, 'apparel', TREND_PARTNER, 'imports'],
      compare: compareTrend,
    },
    {
      command: 'breakdown',
      korus: [
        ...bin,
        'breakdown',
        '--data',
        file,
        '--partner',
        BREAKDOWN_PARTNER,
        '--year',
        String(BREAKDOWN_YEAR),
        '--flow',
        'imports',
        '--json',
        '--quiet',
      ],
      duck: [
        process.execPath,
        join(here, 'duckdb-breakdown.mjs'),
        file,
        BREAKDOWN_PARTNER,
        String(BREAKDOWN_YEAR),
        'imports',
      ],
      compare: (a, b) => compareBreakdown(a, b, catalog),
    },
    {
      command: 'validate',
      korus: [...bin, 'validate', file],
      duck: [process.execPath, join(here, 'duckdb-duplicates.mjs'), file],
      compare: compareValidate,
    },
  ];
}
