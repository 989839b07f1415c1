import { ratio, type Usd } from '../../model/usd.js';

import type { Direction, DirectionCount } from './types.js';

// The rule behind the verdicts: counts and rates only (src/output/trend-words.ts says them in words).

/** Compound annual growth rate: (last / first) ^ (1 / years) - 1; null when it is not defined. */
export function growthRate(first: Usd | null, last: Usd | null, years: number): number | null {
  if (first === null || last === null || !(first > 0) || last < 0 || years <= 0) return null;
  return ratio(last, first) ** (1 / years) - 1;
}

/**
 * The direction of a series from its year-on-year changes (null ones are not counted) and its net change
 * over the range, with `tol` the flat band: rising when more than half the changes are up and the net
 * change is above +tol; falling, the same downwards; flat when the net change is within ±tol; mixed
 * otherwise; too-few-years when there is no change to count.
 */
export function directionOf(changes: Array<number | null>, net: number | null, tol: number): DirectionCount {
  let up = 0;
  let down = 0;
  let flat = 0;
  for (const c of changes) {
    if (c === null) continue;
    if (c > tol) up++;
    else if (c < -tol) down++;
    else flat++;
  }
  const n = up + down + flat;
  let direction: Direction;
  if (n === 0 || net === null) direction = 'too-few-years';
  else if (up > n / 2 && net > tol) direction = 'rising';
  else if (down > n / 2 && net < -tol) direction = 'falling';
  else if (Math.abs(net) <= tol) direction = 'flat';
  else direction = 'mixed';
  return { direction, up, down, flat, net };
}
