import type { Note } from '../../model/notes.js';
import { compareUsd, isFiniteUsd, minus, plus, ratio, toNumber, type Usd } from '../../model/usd.js';
import { changeOf } from '../change.js';
import { ExactSum } from '../tally.js';
import { topN } from '../top-n.js';
import type { YearBucket } from './bucket.js';
import { totalOverflow } from './guards.js';
import type { SumOf } from './sum-table.js';
import { RANK_REASONS, type RankReason, type Ranks, type ShareResult, type ShareRow } from './types.js';

/** The denominator and what the partners leave of it. */
export interface Denominator {
  /** The partners' sum. */
  itemized: Usd;
  /** Whether a World/total row gives the total. */
  reported: boolean;
  total: Usd;
  /** The reported total less the partners and remainders (0 when there is no reported total). */
  notItemized: Usd;
}

/**
 * The denominator: a reported World/total row when there is one (the OTEXA practice), else the parts;
 * with a note when the listed partners add up to more than the reported total.
 */
export function denominatorOf(cur: YearBucket, notes: Note[], category: string): Denominator {
  const itemized = cur.partners.sumAll();
  const reported = cur.totalRows > 0;
  const total = reported ? cur.total : plus(itemized, cur.remainder);
  // A whole-dollar BigInt is exact however large; a double (a sum with cents) must be finite.
  if (!isFiniteUsd(total) || !isFiniteUsd(itemized))
    throw totalOverflow(cur.firstHuge, `total of ${category}`);
  const notItemized = reported ? minus(minus(total, itemized), cur.remainder) : 0;
  const tolerance = Math.max(Math.abs(toNumber(total)) * 0.005, 2 * 10 ** cur.maxScale);
  if (reported && notItemized < 0) {
    // Never a row: a negative remainder is the published rounding, or partners that are too large.
    const within = notItemized >= -tolerance;
    notes.push({
      level: within ? 'info' : 'warning',
      code: 'partners-exceed-total',
      facts: {
        listedUsd: plus(itemized, cur.remainder),
        totalUsd: total,
        excessUsd: minus(0, notItemized),
        withinRounding: within,
      },
    });
  }
  return { itemized, reported, total, notItemized };
}

/**
 * The total and its change; no change when the year before has another basis (a reported total against
 * a sum of partners).
 */
export function totalOf(cur: YearBucket, prev: YearBucket | undefined, d: Denominator): ShareResult['total'] {
  const prevTotal = prev
    ? prev.totalRows > 0
      ? prev.total
      : plus(prev.partners.sumAll(), prev.remainder)
    : undefined;
  const prevBasisDiffers = prev && prev.totalRows > 0 !== d.reported;
  return {
    valueUsd: d.total,
    basis: d.reported ? 'reported-total' : 'sum-of-partners',
    itemizedUsd: d.itemized,
    remainderUsd: cur.remainder,
    notItemizedUsd: d.notItemized,
    ...(prevBasisDiffers
      ? { previousValueUsd: null, changeUsd: null, changeFraction: null }
      : changeOf(d.total, prevTotal)),
  };
}

/**
 * Whom the ranks are among: the whole total only when the data shows the listed partners are all of it (a
 * World/total row they make up, no remainder, no partner's value missing); a rank among some partners must
 * not read as one among all. Fewer than two listed partners are not ranked at all.
 */
export function ranksOf(cur: YearBucket, d: Denominator): Ranks {
  const listed = cur.partners.size;
  const unrankedUsd = d.notItemized > 0 ? plus(cur.remainder, d.notItemized) : cur.remainder;
  const missingPartners = cur.missingPartners.size;
  const why: Record<RankReason, boolean> = {
    remainder: cur.remainder !== 0,
    'not-itemized': d.notItemized > 0,
    'missing-values': missingPartners > 0,
    'summed-total': !d.reported,
  };
  const reasons = RANK_REASONS.filter((r) => why[r]);
  return {
    scope: listed < 2 ? 'none' : reasons.length ? 'listed' : 'complete',
    listed,
    unrankedUsd,
    unrankedShare: d.total === 0 ? null : ratio(unrankedUsd, d.total),
    missingPartners,
    reasons,
  };
}

/**
 * The rows of the table: partners ranked (largest first, ties share a rank, names break ties in order;
 * no rank unless `withRanks`), those beyond `top` folded into one row (never the highlighted one), then the
 * remainders and what the reported total leaves not itemized; each with its change from `prev`.
 */
export function shareRows(
  cur: YearBucket,
  prev: YearBucket | undefined,
  d: Denominator,
  top: number | undefined,
  highlighted: string | undefined,
  withRanks = true,
): ShareRow[] {
  const { total, notItemized } = d;
  const shareOf = (v: Usd): number | null => (total === 0 ? null : ratio(v, total));
  const t = cur.partners;
  // With --top only the top N are sorted (millions of partners are not sorted to show ten), by item number:
  // no object a partner.
  const folds = top !== undefined && top < t.size;
  const byItem = (a: number, b: number): number =>
    compareUsd(t.total(b), t.total(a)) || t.partner(a).name.localeCompare(t.partner(b).name);
  const order = (a: SumOf, b: SumOf): number => byItem(a.item, b.item);
  const ranked = folds ? topN(t.items(), top, byItem).map((i) => t.item(i)) : [...t.values()].sort(order);
  const rows: ShareRow[] = [];
  let rank = 0;
  const partnerRow = (p: SumOf, rank: number): ShareRow => ({
    kind: 'partner',
    code: p.partner.code,
    name: p.partner.name,
    valueUsd: p.total(),
    share: shareOf(p.total()),
    rank: withRanks ? rank : null,
    ...changeOf(p.total(), prev?.partners.get(p.partner.code)?.total()),
    highlighted: p.partner.code === highlighted,
  });
  ranked.forEach((p, i) => {
    if (i === 0 || p.total() !== ranked[i - 1]?.total()) rank = i + 1;
    rows.push(partnerRow(p, rank));
  });
  if (folds) {
    // By item number: the sums are read as new objects each time.
    const shown = new Set(ranked.map((p) => p.item));
    const lead = cur.partners.get(highlighted ?? '');
    if (lead && !shown.has(lead.item)) {
      // Its rank is where a full sort puts its tie group: one after every partner with a larger value.
      let larger = 0;
      const v = lead.total();
      for (let i = 0; i < t.size; i++) if (t.total(i) > v) larger++;
      rows.push(partnerRow(lead, larger + 1));
      shown.add(lead.item);
    }
    const value = new ExactSum();
    let before: Usd | undefined = 0;
    let count = 0;
    const was = prev?.partners;
    for (let i = 0; i < t.size; i++) {
      if (shown.has(i)) continue;
      count++;
      value.add(t.total(i));
      if (before === undefined) continue;
      // One partner new this year makes the fold's change unknown: no more look-ups after it.
      const j = was ? was.find(t.codeAt(i)) : -1;
      before = was && j !== -1 ? plus(before, was.total(j)) : undefined;
    }
    if (count) {
      rows.push({
        kind: 'other-partners',
        code: null,
        name: `Other partners (${count})`,
        valueUsd: value.total(),
        share: shareOf(value.total()),
        rank: null,
        ...changeOf(value.total(), before),
        highlighted: false,
        partners: count,
      });
    }
  }
  // "All other" first, then the pseudo-partners (Areas nes, Bunkers, Unspecified), largest first.
  const remainders = [...cur.remainders.values()].sort(
    (a, b) =>
      Number(b.partner.kind === 'remainder') - Number(a.partner.kind === 'remainder') ||
      compareUsd(b.total(), a.total()) ||
      a.partner.name.localeCompare(b.partner.name),
  );
  for (const r of remainders) {
    const value = r.total();
    const was = prev?.remainders.get(r.partner.code);
    rows.push({
      kind: 'remainder',
      code: r.partner.kind === 'remainder' ? null : r.partner.code,
      name: r.partner.kind === 'remainder' ? 'All other (as reported)' : r.partner.name,
      valueUsd: value,
      share: shareOf(value),
      rank: null,
      ...changeOf(value, was?.total()),
      highlighted: false,
    });
  }
  if (notItemized > 0) {
    rows.push({
      kind: 'not-itemized',
      code: null,
      name: 'Not itemized',
      valueUsd: notItemized,
      share: shareOf(notItemized),
      rank: null,
      ...changeOf(notItemized, undefined),
      highlighted: false,
    });
  }
  return rows;
}
