import { compareUsd, plus, ratio, type Usd } from '../model/usd.js';
import { ascendingPositive } from './radix-sort.js';

/** How concentrated the supply is: the Herfindahl-Hirschman index and the top shares. */
export interface Concentration {
  /** HHI, 0-10,000: the sum of squared percentage shares of the itemized partners (of their own sum). */
  hhi: number | null;
  /** The antitrust bands: under 1,500 low, 1,500-2,500 moderate, over 2,500 high. */
  band: 'low' | 'moderate' | 'high' | null;
  partners: number;
  /** The largest partner's and the five largest partners' share of the total (as in the rows). */
  top1Share: number | null;
  top5Share: number | null;
  /** The itemized partners' part of the total: under 1, the HHI covers them only. */
  itemizedShareOfTotal: number | null;
}

/** The HHI and top shares of a set of partner values, with `total` the denominator of the shares. */
export function concentrationOf(values: Usd[] | Float64Array, total: Usd): Concentration {
  let asc: Float64Array;
  if (values instanceof Float64Array) {
    // Plain doubles (a table's sums): the positive ones, ascending.
    asc = ascendingPositive(values);
  } else {
    const positive = values.filter((v) => v > 0);
    // Past 2^53 a figure is a BigInt: exact sums, in the order compareUsd gives.
    if (positive.some((v) => typeof v === 'bigint')) return exactConcentration(positive, total);
    // Sorted as doubles (no comparator calls), read from the end, largest first.
    asc = ascendingPositive(Float64Array.from(positive as number[]));
  }
  const sum = (f: (v: number) => number, n = asc.length): number => {
    let a = 0;
    for (let i = asc.length - 1; i >= Math.max(0, asc.length - n); i--) a += f(asc[i] as number);
    return a;
  };
  const itemized = sum((v) => v);
  const hhi = itemized > 0 ? sum((v) => ((v / itemized) * 100) ** 2) : null;
  const top = (n: number) =>
    total > 0 && asc.length
      ? ratio(
          sum((v) => v, n),
          total,
        )
      : null;
  return {
    hhi,
    band: band(hhi),
    partners: asc.length,
    top1Share: top(1),
    top5Share: top(5),
    itemizedShareOfTotal: total > 0 ? ratio(itemized, total) : null,
  };
}

/** concentrationOf for figures of which some are BigInts. */
function exactConcentration(positive: Usd[], total: Usd): Concentration {
  const sorted = positive.sort((a, b) => compareUsd(b, a));
  const itemized = sorted.reduce<Usd>(plus, 0);
  const hhi = itemized > 0 ? sorted.reduce<number>((a, v) => a + (ratio(v, itemized) * 100) ** 2, 0) : null;
  const top = (n: number) =>
    total > 0 && sorted.length ? ratio(sorted.slice(0, n).reduce<Usd>(plus, 0), total) : null;
  return {
    hhi,
    band: band(hhi),
    partners: sorted.length,
    top1Share: top(1),
    top5Share: top(5),
    itemizedShareOfTotal: total > 0 ? ratio(itemized, total) : null,
  };
}

/** The antitrust band of an HHI. */
function band(hhi: number | null): Concentration['band'] {
  return hhi === null ? null : hhi < 1500 ? 'low' : hhi <= 2500 ? 'moderate' : 'high';
}
