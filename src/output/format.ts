import type { Usd } from '../model/usd.js';

/** Formats US dollars for people: US$251m, US$80.71bn, US$12.5k. */
export function humanUsd(v: Usd): string {
  // Past 2^53 the figure is exact: every digit is shown, not a rounded unit.
  if (typeof v === 'bigint') return `${v < 0n ? '-' : ''}US$${grouped(v < 0n ? -v : v)}`;
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  if (a >= 1e12) return `${sign}US$${fixed(a / 1e12, 2)}tn`;
  if (a >= 1e9) return `${sign}US$${fixed(a / 1e9, 2)}bn`;
  if (a >= 1e6) return `${sign}US$${fixed(a / 1e6, a >= 1e8 ? 0 : a >= 1e7 ? 1 : 2)}m`;
  if (a >= 1e3) return `${sign}US$${fixed(a / 1e3, a >= 1e5 ? 0 : 1)}k`;
  return `${sign}US$${fixed(a, a === Math.round(a) ? 0 : 2)}`;
}

/** A count with thousands separators: 5,000,000 (every count korus-stats prints). */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A count and its noun, singular for 1: "1 row", "3,075,748 rows" (`many` for an irregular plural). */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** US dollars in millions with separators, as trade tables print them: 45,221 or 80,713.83. */
export function millionsUsd(v: Usd): string {
  if (typeof v === 'bigint') {
    const a = v < 0n ? -v : v;
    const frac = (a % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
    return `${v < 0n ? '-' : ''}${grouped(a / 1_000_000n)}${frac ? `.${frac}` : ''}`;
  }
  return (v / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Every digit of a whole number, in groups of three: 9,007,199,254,740,993. */
function grouped(v: bigint): string {
  return v.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A fraction as a percentage: 0.0031 -> 0.31%; tiny non-zero shares say so rather than 0.00%. */
export function percent(fraction: number | null, digits = 2): string {
  if (fraction === null) return '–';
  const p = fraction * 100;
  const floor = 10 ** -digits;
  if (p !== 0 && Math.abs(p) < floor) return `${p < 0 ? '>-' : '<'}${floor.toFixed(digits)}%`;
  return `${p.toFixed(digits)}%`;
}

/** A change as a signed percentage: +5.2%, -3.1%; a dash where it is undefined. */
export function signedPercent(fraction: number | null): string {
  if (fraction === null) return '–';
  const p = fraction * 100;
  return `${p > 0 ? '+' : p < 0 ? '-' : '±'}${Math.abs(p).toFixed(1)}%`;
}

function fixed(n: number, digits: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar for a fraction of 1 (`width` characters is 100%): Unicode eighth blocks, or # in ASCII. */
export function bar(fraction: number | null, width = 20, ascii = false): string {
  if (fraction === null || !(fraction > 0)) return '';
  const units = Math.min(fraction, 1) * width;
  if (ascii) return '#'.repeat(Math.round(units));
  const eighths = Math.round(units * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + (EIGHTHS[eighths % 8] ?? '');
}

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII_SPARKS = ['_', '.', '-', '=', '+', '*', '#', '#'];

/** A sparkline of values (null for a gap, drawn as a space), scaled from their minimum to their maximum. */
export function sparkline(values: Array<number | null>, ascii = false): string {
  const known = values.filter((v): v is number => v !== null);
  if (!known.length) return '';
  const lo = Math.min(...known);
  const hi = Math.max(...known);
  const marks = ascii ? ASCII_SPARKS : SPARKS;
  return values
    .map((v) =>
      v === null ? ' ' : (marks[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * 7)] ?? marks[0]),
    )
    .join('');
}

/**
 * Sources as a title or a chart names them: "USITC", "OTEXA, as quoted by trade press; USITC". A source's
 * own name may hold a comma, so two sources are told apart by a semicolon.
 */
export function sourceList(sources: readonly string[]): string {
  return sources.join('; ');
}
