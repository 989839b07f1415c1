import { InvalidArgumentError } from 'commander';
import { SETTABLE } from '../data/column-overrides.js';
import type { Field } from '../sources/types.js';

// The parsers of flag values: commander calls them with the text given and prints their
// InvalidArgumentError as "option '--x <y>' argument 'z' is invalid. expected ...".

/** Parses a year flag: four digits. */
export function parseYearFlag(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new InvalidArgumentError('expected a four-digit year, e.g. 2016.');
  return Number(text);
}

/** Parses a positive whole number. */
export function parsePositiveInt(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
    throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return Number(text);
}

/** The most threads --threads takes. */
export const MAX_THREADS = 64;

/** Parses --threads: 1 (one thread) to MAX_THREADS. */
export function parseThreads(text: string): number {
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > MAX_THREADS)
    throw new InvalidArgumentError(
      `expected a whole number of threads from 1 (read on one thread) to ${MAX_THREADS}.`,
    );
  return Number(t);
}

/** Parses --delimiter: one character, or the word tab. */
export function parseDelimiter(text: string): string {
  const d = text === 'tab' || text === '\\t' ? '\t' : text;
  if ([...d].length !== 1 || d === '"' || d === '\n' || d === '\r') {
    throw new InvalidArgumentError('expected one character, such as , ; | or tab.');
  }
  return d;
}

/** Collects repeated --set FIELD=VALUE flags into one record. */
export function collectSet(
  text: string,
  previous: Partial<Record<Field, string>> = {},
): Partial<Record<Field, string>> {
  const eq = text.indexOf('=');
  const field = text.slice(0, eq).trim().replace(/-/g, '_') as Field;
  if (eq < 1 || !SETTABLE.includes(field)) {
    throw new InvalidArgumentError(`expected FIELD=VALUE with FIELD one of ${SETTABLE.join(', ')}.`);
  }
  return { ...previous, [field]: text.slice(eq + 1) };
}

/** Parses --hs-level: 2, 4, 6, 8 or 10 digits. */
export function parseHsLevel(text: string): number {
  if (!['2', '4', '6', '8', '10'].includes(text.trim()))
    throw new InvalidArgumentError('expected 2, 4, 6, 8 or 10.');
  return Number(text);
}

/** Parses --missing: comma-separated markers, each trimmed. */
export function parseMarkers(text: string): string[] {
  return text.split(',').map((m) => m.trim());
}

/** Collects a repeatable flag's values in order. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Parses --tolerance: a fraction (0.005) or a percentage (0.5%), below 1. */
export function parseTolerance(text: string): number {
  const t = text.trim();
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(t);
  const value = pct ? Number(pct[1]) / 100 : /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
  if (!(value >= 0 && value < 1))
    throw new InvalidArgumentError('expected a fraction such as 0.005 or a percentage such as 0.5%.');
  return value;
}
