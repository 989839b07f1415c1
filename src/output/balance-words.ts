import type { BalanceResult } from '../core/balance/index.js';
import { signedPercent, sourceList } from './format.js';
import { directionWords } from './trend-words.js';

// The words a balance says in every format: its title and the verdict on its direction.

/** "US trade balance with South Korea by category, 2017 (USITC)". */
export function balanceTitle(r: BalanceResult): string {
  const q = r.query;
  const who = q.reporter ? `${q.reporter} trade balance` : 'Trade balance';
  const sources = [...new Set([...r.flows.exports.sources, ...r.flows.imports.sources])];
  const src = sources.length ? ` (${sourceList(sources)})` : '';
  const cat = q.categoryLabel ? `, ${q.categoryLabel.toLowerCase()}` : '';
  if (q.by === 'category') return `${who} with ${q.partnerName} by category, ${q.year}${src}`;
  if (q.by === 'year') {
    const range = q.years.length > 1 ? `${q.years[0]}-${q.years.at(-1)}` : String(q.year);
    return `${who}${q.partnerName ? ` with ${q.partnerName}` : ''}${cat}, ${range}${src}`;
  }
  return `${who} by partner${cat}, ${q.year}${src}`;
}

/** The verdict on the balance's direction, by year: "balance rising (deficit narrowing): 3 of 4 years up". */
export function balanceVerdict(r: BalanceResult): string | null {
  const d = r.direction;
  if (!d) return null;
  const span: [number, number] | undefined =
    d.firstYear !== null && d.lastYear !== null ? [d.firstYear, d.lastYear] : undefined;
  const text = directionWords('balance', d.balance, span, (v) => `${signedPercent(v)} of two-way trade`);
  const last = d.lastUsd === null ? null : Number(d.lastUsd);
  const what = last === null ? '' : last < 0 ? 'deficit' : last > 0 ? 'surplus' : '';
  const moving =
    d.balance.direction === 'rising' ? 'up' : d.balance.direction === 'falling' ? 'down' : undefined;
  if (!what || !moving) return text;
  // A rising balance is a narrowing deficit or a widening surplus.
  const sense =
    what === 'deficit'
      ? moving === 'up'
        ? 'narrowing'
        : 'widening'
      : moving === 'up'
        ? 'widening'
        : 'narrowing';
  return text.replace(/^balance (rising|falling)/, `balance $1 (${what} ${sense})`);
}
