import type { Ranks } from '../core/share/index.js';
import { humanUsd, percent } from './format.js';

// The words for whom a rank is among, the same in every command: "of N listed" beside a rank of the listed
// partners only, nothing beside one of the whole total, and no rank at all with fewer than two listed.

/** A rank as a cell: "1 of 10" among the whole total, "1 of 10 listed" among the listed partners only. */
export function rankCell(rank: number | null, ranks: Ranks): string {
  if (rank === null) return '';
  return `${rank} of ${ranks.listed}${ranks.scope === 'listed' ? ' listed' : ''}`;
}

/** The rank column's head: "Rank", or "Rank (of 10 listed)" when the ranks are of the listed partners only. */
export function rankHead(ranks: Ranks): string {
  return ranks.scope === 'listed' ? `Rank (of ${ranks.listed} listed)` : 'Rank';
}

/**
 * Why the ranks are of the listed partners only, or why there are none: "US$29.52bn (24.54%) of the total
 * is not itemized by partner", "2 partners' values are missing", "the total is their own sum (the data has
 * no World/total row)"; of the whole total, nothing.
 */
function unrankedText(ranks: Ranks, whose: 'partner' | 'reporter', of: string): string {
  const parts: string[] = [];
  if (ranks.unrankedUsd !== 0)
    parts.push(
      `${humanUsd(ranks.unrankedUsd)} (${percent(ranks.unrankedShare)}) of ${of} is not itemized by ${whose}`,
    );
  const m = ranks.missingPartners;
  if (m) parts.push(`${m} ${whose}${m === 1 ? "'s value is" : "s' values are"} missing`);
  // Ranked or not, a summed total says nothing of partners the data leaves out: worth saying of a rank only.
  if (ranks.scope === 'listed' && ranks.reasons.includes('summed-total'))
    parts.push(`${of} is their own sum (the data has no World/total row)`);
  return parts.join(', and ');
}

/**
 * Whom the ranks are among, when it is not the whole total: "among the 10 listed partners only; US$29.52bn
 * (24.54%) of the total is not itemized by partner", or "none (1 partner listed); ..."; else null.
 */
export function ranksText(
  ranks: Ranks,
  whose: 'partner' | 'reporter' = 'partner',
  of = 'the total',
): string | null {
  if (ranks.scope === 'complete') return null;
  const why = unrankedText(ranks, whose, of);
  if (ranks.scope === 'listed') return `among the ${ranks.listed} listed ${whose}s only; ${why}`;
  const n = ranks.listed;
  return `none (${n === 0 ? 'no' : n} ${whose}${n === 1 ? '' : 's'} listed)${why ? `; ${why}` : ''}`;
}
