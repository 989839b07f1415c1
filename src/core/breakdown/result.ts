import { type CategoryDef, hsDefinition } from '../../catalog/categories.js';
import { compareUsd, isFiniteUsd, plus, ratio, type Usd } from '../../model/usd.js';
import { changeOf } from '../change.js';
import { totalOverflow } from '../share/guards.js';
import type { ShareResult, ShareRow } from '../share/index.js';
import { ExactSum } from '../tally.js';
import { breakdownNotes } from './notes.js';
import { overlapsOf } from './overlap.js';
import { samePartner } from './partner.js';
import type { BreakdownCategory, BreakdownInput, BreakdownResult, FoundCategory } from './types.js';

/**
 * The breakdown from per-category share results: the partner's row in each, its share of the category's
 * total, and its share of the partner's total, which adds the top-level categories only (a category whose
 * catalog HS definition lies within another listed one is shown but not added, so nothing counts twice).
 */
export function breakdownOf(input: BreakdownInput): BreakdownResult {
  const { query: q, year } = input;
  const found: FoundCategory[] = [];
  // A category of all commodities (Comtrade's TOTAL, a one-country DataWeb query's Total row) is the
  // partner's total as the file states it: the denominator, not a category.
  let reported: ShareRow | undefined;
  let reportedIn: ShareResult | undefined;
  const isTotal = (def: CategoryDef) => def.codes?.includes('TOTAL') === true;
  const absent = input.absent.filter((a) => !input.totalCategories?.includes(a.name));
  for (const { def, result, partnerYears } of input.computed) {
    if (isTotal(def)) {
      const row = result.rows.find(
        (r) => r.kind === 'partner' && r.code !== null && samePartner(r.code, q.partner),
      );
      if (row && !reported) {
        reported = row;
        reportedIn = result;
      }
      continue;
    }
    const row = result.rows.find(
      (r) => r.kind === 'partner' && r.code !== null && samePartner(r.code, q.partner),
    );
    if (row) found.push({ def, result, row });
    else
      absent.push({
        name: def.name,
        reason: 'partner-absent',
        partnerYears: (partnerYears ?? []).filter((y) => y !== year),
      });
  }
  found.sort((a, b) => compareUsd(b.row.valueUsd, a.row.valueUsd) || a.def.name.localeCompare(b.def.name));

  const { within, top, partialOverlaps, unknownOverlap } = overlapsOf(found);
  const totalSum = new ExactSum();
  for (const t of top) totalSum.add(t.row.valueUsd);
  const total = reported ? reported.valueUsd : partialOverlaps.length ? null : totalSum.total();
  if (total !== null && !isFiniteUsd(total)) throw totalOverflow(undefined, `${q.partner.name} total`);
  const prevs = top.map((t) => t.row.previousValueUsd);
  const prevTotal = reported
    ? reported.previousValueUsd
    : total !== null && prevs.length && prevs.every((v) => v !== null)
      ? prevs.reduce<Usd>((a, v) => plus(a, v as Usd), 0)
      : null;
  const shareOfTotal = (v: Usd): number | null => (total === null || total === 0 ? null : ratio(v, total));

  const categories: BreakdownCategory[] = found.map(({ def, result: r, row }, i) => ({
    name: def.name,
    label: def.label,
    definition: {
      matchedBy: r.category.matchedBy,
      hsPrefixes: def.hs,
      hsDefinition: def.hs.length ? hsDefinition(def.hs) : null,
      dataDefinitions: r.category.dataDefinitions,
      note: def.note,
      origin: def.origin,
    },
    sources: r.sources,
    valueBasis: r.valueBasis,
    valueUsd: row.valueUsd,
    shareOfPartnerTotal: shareOfTotal(row.valueUsd),
    shareOfCategory: row.share,
    categoryTotal: {
      valueUsd: r.total.valueUsd,
      basis: r.total.basis,
      previousValueUsd: r.total.previousValueUsd,
      changeFraction: r.total.changeFraction,
    },
    rank: row.rank,
    partners: r.rows.filter((x) => x.kind === 'partner').length,
    ranks: r.ranks,
    previousValueUsd: row.previousValueUsd,
    changeUsd: row.changeUsd,
    changeFraction: row.changeFraction,
    within: within[i] ?? [],
    countedInTotal: (within[i] ?? []).length === 0,
    rows: { used: r.input.rowsUsed, missing: r.input.rowsMissing, aggregate: r.input.rowsAggregate },
  }));

  // Equal values: the category that holds the other comes first.
  categories.sort(
    (a, b) =>
      compareUsd(b.valueUsd, a.valueUsd) ||
      Number(b.countedInTotal) - Number(a.countedInTotal) ||
      a.name.localeCompare(b.name),
  );

  const notes = [
    ...input.notes,
    ...breakdownNotes({
      partner: q.partner,
      year,
      found,
      categories,
      reported: reported !== undefined,
      partialOverlaps,
      unknownOverlap,
      absent,
      repeats: input.repeats,
    }),
  ];

  // The all-commodities row is used too (as the total): its files are among those used.
  const filesUsed = new Set([
    ...found.flatMap((f) => f.result.input.filesUsed),
    ...(reportedIn?.input.filesUsed ?? []),
  ]);
  const prevYear = found.some((f) => f.result.query.previousYear !== null) ? year - 1 : null;
  const only = (values: Array<string | null>): string | null => {
    const set = new Set(values);
    return set.size === 1 ? ([...set][0] ?? null) : null;
  };
  return {
    query: {
      partner: q.partner.code,
      year,
      yearChosen: input.yearChosen,
      previousYear: prevYear,
      flow: q.flow,
      reporter: q.reporter ?? only(found.map((f) => f.result.query.reporter)),
      source: q.source ?? only(found.map((f) => f.result.query.source)),
    },
    partner: {
      code: q.partner.code,
      name: q.partner.name,
      kind: q.partner.kind === 'country' ? 'country' : 'unknown',
    },
    partnerTotal: {
      valueUsd: total,
      basis: reported ? 'reported-all-commodities' : 'sum-of-top-level-categories',
      valueBasis: [
        ...new Set(reportedIn ? reportedIn.valueBasis : top.flatMap((t) => t.result.valueBasis)),
      ].sort(),
      categories: top.map((t) => t.def.name),
      ...change(total, prevTotal),
      listedSharesSum:
        total === null || total === 0
          ? null
          : ratio(
              categories.reduce<Usd>((a, c) => plus(a, c.valueUsd), 0),
              total,
            ),
      partialOverlaps,
      unknownOverlap,
    },
    categories,
    absent: absent.sort((a, b) => a.name.localeCompare(b.name)),
    notes,
    input: {
      ...input.input,
      filesUsed: input.input.files.map((f) => f.name).filter((f) => filesUsed.has(f)),
    },
    sources: [...new Set(found.flatMap((f) => f.result.sources))].sort(),
  };
}

function change(
  value: Usd | null,
  before: Usd | null,
): { previousValueUsd: Usd | null; changeUsd: Usd | null; changeFraction: number | null } {
  if (value === null || before === null)
    return { previousValueUsd: before, changeUsd: null, changeFraction: null };
  return changeOf(value, before);
}
