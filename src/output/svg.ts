/** Building blocks for standalone, accessible SVG charts (no fonts or scripts from outside). */
import { xmlText } from './safe.js';

/** A number as SVG wants it: at most two decimals, no exponent. */
export function n(v: number): string {
  return (Math.round(v * 100) / 100).toString();
}

/** The chart's frame: an accessible document with title, description and a white background. */
export function svgDocument(opts: {
  width: number;
  height: number;
  title: string;
  description: string;
  body: string;
}): string {
  const { width, height, title, description, body } = opts;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="Helvetica, Arial, sans-serif" font-size="12">
  <title id="chart-title">${xmlText(title)}</title>
  <desc id="chart-desc">${xmlText(description)}</desc>
  <rect width="${width}" height="${height}" fill="#ffffff"/>
${body}
</svg>
`;
}

/** Round steps for an axis from 0 to `max`: about five ticks at 1, 2 or 5 times a power of ten. */
export function ticks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(v);
  if ((out[out.length - 1] ?? 0) < max) out.push(out.length * step);
  return out;
}

/** The colours used: readable on white, told apart without relying on hue alone (plus labels). */
export const PALETTE = [
  '#1f5aa6',
  '#d1495b',
  '#2a9d8f',
  '#e9a03b',
  '#6c4f9c',
  '#5c6b73',
  '#8f2d56',
  '#3a7d44',
];
