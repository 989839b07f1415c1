/**
 * A US dollar figure: a plain number in the usual case (an integer below 2^53, or a value with cents), a
 * BigInt only for a whole-dollar figure past 2^53, held exactly. Never a BigInt that fits a safe integer,
 * so a figure has one form and `===` compares them.
 */
export type Usd = number | bigint;

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The figure in its one form: a BigInt that fits a safe integer becomes a number. */
export function usd(v: bigint): Usd {
  return v <= SAFE && v >= -SAFE ? Number(v) : v;
}

/** The figure as a double (rounded past 2^53; Infinity past about 1.8e308). */
export function toNumber(v: Usd): number {
  return typeof v === 'number' ? v : Number(v);
}

/** Whether a figure can be written: a BigInt always is, a double when finite. */
export function isFiniteUsd(v: Usd): boolean {
  return typeof v === 'bigint' || Number.isFinite(v);
}

/** The sum of two figures, exact while both are whole dollars. */
export function plus(a: Usd, b: Usd): Usd {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    if (Number.isSafeInteger(s) || !Number.isInteger(a) || !Number.isInteger(b)) return s;
    return usd(BigInt(a) + BigInt(b));
  }
  if (typeof a === 'bigint' && typeof b === 'bigint') return usd(a + b);
  const [big, n] = typeof a === 'bigint' ? [a, b as number] : [b as bigint, a as number];
  return Number.isInteger(n) ? usd(big + BigInt(n)) : Number(big) + n;
}

/** a - b, exact while both are whole dollars. */
export function minus(a: Usd, b: Usd): Usd {
  return plus(a, negate(b));
}

/** -v, or v itself when `sign` is 1. */
export function negate(v: Usd, sign: 1 | -1 = -1): Usd {
  if (sign === 1) return v;
  return typeof v === 'number' ? -v : -v;
}

/** a / b as a double, computed from the exact figures (right even when they are past a double's range). */
export function ratio(a: Usd, b: Usd): number {
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  const fa = Number(a);
  const fb = Number(b);
  if (Number.isFinite(fa) && Number.isFinite(fb)) return fa / fb;
  // Past a double: each figure's leading 64 bits, and the power of two they leave out.
  const x = toBig(a);
  const y = toBig(b);
  const sx = Math.max(0, bitLength(x) - 64);
  const sy = Math.max(0, bitLength(y) - 64);
  return (Number(x >> BigInt(sx)) / Number(y >> BigInt(sy))) * 2 ** (sx - sy);
}

/** Compares two figures: negative when a < b, 0 when equal, positive when a > b. */
export function compareUsd(a: Usd, b: Usd): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return a < b ? -1 : a > b ? 1 : 0;
}

function toBig(v: Usd): bigint {
  return typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
}

function bitLength(v: bigint): number {
  return (v < 0n ? -v : v).toString(16).length * 4;
}
