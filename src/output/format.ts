/** Formats US dollars for people: US$251m, US$80.71bn, US$12.5k. */
export function humanUsd(v: number): string {
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  if (a >= 1e9) return `${sign}US$${fixed(a / 1e9, 2)}bn`;
  if (a >= 1e6) return `${sign}US$${fixed(a / 1e6, a >= 1e8 ? 0 : a >= 1e7 ? 1 : 2)}m`;
  if (a >= 1e3) return `${sign}US$${fixed(a / 1e3, a >= 1e5 ? 0 : 1)}k`;
  return `${sign}US$${fixed(a, a === Math.round(a) ? 0 : 2)}`;
}

/** US dollars in millions with separators, as trade tables print them: 45,221 or 80,713.83. */
export function millionsUsd(v: number): string {
  return (v / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 });
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
