import { capText } from '../model/caps.js';
import { type Usd, usd } from '../model/usd.js';

/** How numbers are written in a file: the decimal mark and an optional thousands separator. */
export interface NumberFormat {
  decimal: '.' | ',';
  thousands?: ',' | '.' | ' ' | "'";
}

/** Value cells that mean "no figure", by publisher: empty, Comtrade NA, Census (D), Eurostat ":", "..". */
export const DEFAULT_MISSING_MARKERS: readonly string[] = ['', 'NA', 'N/A', '(D)', '..', ':'];

const PLAIN = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const PLAIN_DOT_LEAD = /^([+-]?)()\.(\d+)(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal number strictly: optional sign, digits, optional decimal part and exponent; the
 * thousands separator only when one is configured. `scale` multiplies by 10^scale exactly (a value in
 * millions is scale 6), so "80713.83" in millions is exactly 80713830000. Returns undefined when the text
 * is not such a number (JavaScript's Number() would take "" as 0 and "1500\r" as 1500).
 */
export function parseDecimal(
  text: string,
  format: NumberFormat = { decimal: '.' },
  scale = 0,
): Usd | undefined {
  let s = trimCell(text);
  if (format.thousands) {
    const sep = format.thousands === '.' ? '\\.' : format.thousands;
    const dec = format.decimal === '.' ? '\\.' : ',';
    const grouped = new RegExp(`^[+-]?\\d{1,3}(${sep}\\d{3})+(${dec}\\d*)?$`);
    if (grouped.test(s)) s = s.split(format.thousands).join('');
  }
  if (format.decimal === ',') {
    if (s.includes('.')) return undefined;
    s = s.replace(',', '.');
  }
  const m = PLAIN.exec(s) ?? PLAIN_DOT_LEAD.exec(s);
  if (!m) return undefined;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  // Shift the decimal point in the text, so the one rounding is Number()'s own of the exact decimal.
  const shift = Number(exp) - frac.length + scale;
  // An exponent Number() cannot read (1e-99999999999 is NaN to it) is brought within reach: past
  // 400 + the digits' length either way the value is 0 or past a double all the same.
  const reach = int.length + frac.length + 400;
  const n = Number(`${sign}${int || '0'}${frac}e${Math.max(-reach, Math.min(reach, shift))}`);
  if (!Number.isFinite(n)) return undefined;
  return n >= TWO_53 || n <= -TWO_53 ? exactInteger(n, sign, `${int}${frac}`, shift) : n;
}

const TWO_53 = 2 ** 53;

/**
 * A value past 2^53 held exactly when its text is a whole number (9007199254740993, 1.5e20), as a BigInt;
 * a value with a fraction keeps the double. Its size is bounded: the double was finite (below ~1.8e308).
 */
function exactInteger(n: number, sign: string, digits: string, shift: number): Usd {
  let d = digits.replace(/^0+/, '') || '0';
  if (shift < 0) {
    const cut = d.length + shift;
    if (!/^0*$/.test(d.slice(Math.max(0, cut)))) return n;
    d = d.slice(0, Math.max(0, cut)) || '0';
  }
  const v = BigInt(d) * 10n ** BigInt(Math.max(0, shift));
  return usd(sign === '-' ? -v : v);
}

/** Whether a value cell is a number too large to hold (past about 1.8e308), such as 1e400. */
export function isTooLarge(text: string, format: NumberFormat = { decimal: '.' }): boolean {
  const s = trimCell(text).replace(format.decimal === ',' ? ',' : '.', '.');
  return PLAIN.test(s) && !Number.isFinite(Number(s));
}

/** A cell without the spaces and tabs that pad it; other white space (CR, NBSP) stays and fails parsing. */
export function trimCell(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** Why a value cell is not a number, with a hint for the usual causes. */
export function explainBadNumber(text: string, format: NumberFormat): { detail: string; hint?: string } {
  // A cell of a million digits is quoted by its start and how much was cut (capText), not whole.
  const shown = JSON.stringify(capText(text, 60));
  if (isTooLarge(text, format)) {
    return {
      detail: `value ${shown} (${text.length} characters) is too large: past about 1.8e308, the largest number korus-stats holds`,
      hint: 'values this large are not US dollars: check the value column and its unit',
    };
  }
  if (/^\s*[+-]?\d{1,3}(,\d{3})+(\.\d+)?\s*$/.test(text) && format.thousands !== ',') {
    return {
      detail: `value ${shown} is not a number`,
      hint: 'it has thousands separators: pass --thousands ,',
    };
  }
  if (/^\s*[+-]?\d+,\d+\s*$/.test(text) && format.decimal !== ',') {
    return {
      detail: `value ${shown} is not a number`,
      hint: 'it looks like a decimal comma: pass --decimal ,',
    };
  }
  if (/[\u00a0\u202f]/.test(text)) {
    return { detail: `value ${shown} is not a number (it holds a no-break space)` };
  }
  return { detail: `value ${shown} is not a number`, hint: 'list placeholder markers with --missing' };
}

/** A four-digit year, or undefined. */
export function parseYear(text: string): number | undefined {
  const s = trimCell(text);
  return /^\d{4}$/.test(s) ? Number(s) : undefined;
}
