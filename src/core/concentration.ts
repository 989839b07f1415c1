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
export function concentrationOf(values: number[], total: number): Concentration {
  // A typed array sorts millions of values natively (no comparator calls); read from the end, largest first.
  const asc = Float64Array.from(values.filter((v) => v > 0)).sort();
  const sum = (f: (v: number) => number, n = asc.length): number => {
    let a = 0;
    for (let i = asc.length - 1; i >= Math.max(0, asc.length - n); i--) a += f(asc[i] as number);
    return a;
  };
  const itemized = sum((v) => v);
  const hhi = itemized > 0 ? sum((v) => ((v / itemized) * 100) ** 2) : null;
  const top = (n: number) => (total > 0 && asc.length ? sum((v) => v, n) / total : null);
  return {
    hhi,
    band: hhi === null ? null : hhi < 1500 ? 'low' : hhi <= 2500 ? 'moderate' : 'high',
    partners: asc.length,
    top1Share: top(1),
    top5Share: top(5),
    itemizedShareOfTotal: total > 0 ? itemized / total : null,
  };
}
