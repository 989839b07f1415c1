import type { Direction, DirectionCount, TrendSeries, TrendTotal } from '../core/trend/index.js';
import { signedPercent } from './format.js';

/** A series' verdict: "share falling: 4 of 4 years down", over its first and last years with a value. */
export function seriesVerdict(s: TrendSeries): string {
  return verdictOf(s.directions.share, s.directions.value, spanOf(s));
}

/** The total's verdict: "value rising: 3 of 4 years up". */
export function totalVerdict(t: TrendTotal): string {
  return describe('value', t.direction, spanOf(t));
}

/** "share falling: 4 of 4 years down", prefixed with the value's direction when it differs: "value rising, share falling: ...". */
export function verdictOf(share: DirectionCount, value: DirectionCount, span?: [number, number]): string {
  const text = describe('share', share, span);
  const moving = (d: Direction) => d === 'rising' || d === 'falling';
  if (moving(value.direction) && value.direction !== share.direction && share.direction !== 'too-few-years') {
    return `value ${value.direction}, ${text}`;
  }
  return text;
}

// The range a verdict's net change is over: the first and last years with a value, when they are two.
function spanOf(r: { firstYear: number | null; lastYear: number | null }): [number, number] | undefined {
  return r.firstYear !== null && r.lastYear !== null && r.lastYear > r.firstYear
    ? [r.firstYear, r.lastYear]
    : undefined;
}

function describe(what: 'share' | 'value', d: DirectionCount, span?: [number, number]): string {
  return directionWords(what, d, span, what === 'share' ? ppText : signedPercent);
}

/**
 * A direction in words ("balance rising: 3 of 4 years up"), with `netText` saying the net change over the
 * span (percentage points, a percentage, ...).
 */
export function directionWords(
  what: string,
  d: DirectionCount,
  span: [number, number] | undefined,
  netText: (v: number) => string,
): string {
  const n = d.up + d.down + d.flat;
  const years = (k: number) => `${k} of ${n} year${n === 1 ? '' : 's'}`;
  const net = d.net === null ? '' : netText(d.net);
  const over = span ? ` over ${span[0]}-${span[1]}` : '';
  switch (d.direction) {
    case 'rising':
      return `${what} rising: ${years(d.up)} up`;
    case 'falling':
      return `${what} falling: ${years(d.down)} down`;
    case 'flat':
      return `${what} flat: ${net}${over} (${d.up} up, ${d.down} down, ${d.flat} flat)`;
    case 'mixed':
      return `${what} mixed: ${d.up} up, ${d.down} down, ${d.flat} flat; ${net}${over}`;
    case 'too-few-years':
      return `${what}: too few years to tell`;
  }
}

/** A CAGR for people: +0.09%/yr. */
export function cagrText(v: number | null): string {
  if (v === null) return '–';
  const p = v * 100;
  return `${p > 0 ? '+' : p < 0 ? '-' : '±'}${Math.abs(p).toFixed(2)}%/yr`;
}

/** Percentage points for people: -1.99 pp. */
export function ppText(v: number | null): string {
  if (v === null) return '–';
  return `${v > 0 ? '+' : v < 0 ? '-' : '±'}${Math.abs(v).toFixed(2)} pp`;
}
