// The checks of a rules file's fields, shared by its top level and its rules (rules-file.ts): each reports
// what is wrong through the caller's function, by JSON path or by key.
import { editDistance as distance } from '../catalog/edit-distance.js';
import type { RuleType } from '../model/check-rules.js';

/** Reports a problem at a JSON path ("rules[2].max"), with a hint where one helps. */
export type ProblemAt = (path: string, detail: string, hint?: string) => void;
/** Reports a problem with one field of the rule being checked, by its key. */
export type FieldFail = (key: string, detail: string, hint?: string) => void;

/** The unit of the bounds of each rule type that needs them, with an example, for messages. */
const BOUND_UNITS: Record<Exclude<RuleType, 'partner-present' | 'rows'>, string> = {
  share: 'fractions, e.g. "max": 0.01 for 1%',
  total: 'US dollars, e.g. "min": 80700000000',
  change: 'fractions, e.g. "min": -0.1 for -10%',
  value: 'US dollars, e.g. "min": 250000000',
  balance: 'US dollars, a deficit negative, e.g. "min": -23000000000, "max": -22800000000',
};

/** Checks a rule's "min" and "max" against what its type needs (none, a whole count, fractions, an order). */
export function checkBounds(
  type: RuleType,
  entry: Record<string, unknown>,
  min: number | undefined,
  max: number | undefined,
  fail: FieldFail,
): void {
  const given = entry.min !== undefined || entry.max !== undefined;
  if (type === 'partner-present') {
    if (given) fail(entry.min !== undefined ? 'min' : 'max', 'a partner-present rule has no "min" or "max"');
    return;
  }
  if (type === 'rows') {
    if (entry.min === undefined) fail('min', 'a rows rule needs a "min" (the fewest rows expected)');
    for (const [key, v] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (v !== undefined && (!Number.isInteger(v) || v < 0))
        fail(key, `"${key}" of a rows rule must be a whole number of 0 or more, not ${v}`);
    }
  } else if (!given) {
    fail('min', `a ${type} rule needs a "min", a "max" or both (${BOUND_UNITS[type]})`);
  }
  if (type === 'share') {
    for (const [key, v] of [
      ['min', min],
      ['max', max],
    ] as const) {
      if (v !== undefined && (v < 0 || v > 1))
        fail(
          key,
          `"${key}" ${v} is not a share: shares are fractions from 0 to 1`,
          `0.01 is 1%; for ${v}% write ${v / 100}`,
        );
    }
  }
  if (min !== undefined && max !== undefined && min > max)
    fail('max', `"min" ${min} is greater than "max" ${max}: no value could pass`);
}

/** A rule's "min" or "max" as a finite number; undefined when absent or wrong (reported). */
export function bound(
  entry: Record<string, unknown>,
  key: 'min' | 'max',
  fail: FieldFail,
): number | undefined {
  const v = entry[key];
  if (v === undefined) return undefined;
  // JSON has no NaN or Infinity, but 1e999 parses to Infinity: a number, just not one a rule can hold.
  if (typeof v === 'number' && !Number.isFinite(v)) {
    fail(key, `"${key}" is ${shown(v)}`, 'bounds are plain numbers: US dollars, or fractions (0.01 is 1%)');
    return undefined;
  }
  if (typeof v !== 'number') {
    fail(
      key,
      `"${key}" must be a number, not ${kindOf(v)}${typeof v === 'string' ? ` ${shown(v)}` : ''}`,
      typeof v === 'string'
        ? 'write numbers without quotes; shares and changes as fractions (0.01 is 1%)'
        : undefined,
    );
    return undefined;
  }
  return v;
}

/** A field as a trimmed non-empty string; undefined when absent or wrong (reported when wrong or required). */
export function text(
  entry: Record<string, unknown>,
  key: string,
  required: boolean,
  fail: FieldFail,
): string | undefined {
  const v = entry[key];
  if (v === undefined) {
    if (required) fail(key, `no "${key}"`);
    return undefined;
  }
  if (typeof v !== 'string' || !v.trim()) {
    fail(
      key,
      `"${key}" must be a non-empty string, not ${typeof v === 'string' ? 'an empty one' : kindOf(v)}`,
    );
    return undefined;
  }
  return v.trim();
}

/** A "data" field as a list of paths (one path or an array of them); undefined when absent or wrong. */
export function dataPaths(v: unknown, path: string, label: string, problem: ProblemAt): string[] | undefined {
  if (v === undefined) return undefined;
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0 || list.some((p) => typeof p !== 'string' || !p.trim())) {
    problem(path, `${label}: "data" must be a path or a non-empty array of paths (files, folders, globs)`);
    return undefined;
  }
  if (list.includes('-')) {
    problem(
      path,
      `${label}: "data" cannot name standard input (-) in a rules file`,
      'pipe data in with: korus-stats check --data -',
    );
    return undefined;
  }
  return list as string[];
}

/** Reports every key of `obj` not among `known`, with the nearest known one as a hint. */
export function unknownKeys(
  obj: Record<string, unknown>,
  known: readonly string[],
  path: string,
  label: string,
  problem: ProblemAt,
): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    problem(
      path ? `${path}.${key}` : key,
      `${label}: unknown field ${shown(key)}`,
      nearest(key, known) ?? `fields: ${known.join(', ')}`,
    );
  }
}

/** "did you mean ...?" for the option nearest to a misspelt value, if one is close enough. */
export function nearest(given: unknown, options: readonly string[]): string | undefined {
  if (typeof given !== 'string') return undefined;
  const best = options.map((o) => ({ o, d: distance(given.toLowerCase(), o) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, given.length / 3) ? `did you mean "${best.o}"?` : undefined;
}

/** Whether a JSON value is an object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The longest string shown whole in a message; longer ones are cut with "...". */
const SHOWN_CHARS = 60;

/**
 * A JSON value as a message shows it: a string quoted (cut past SHOWN_CHARS), a number as written, a number
 * too large for a double (1e999 parses to Infinity) said so, anything else by its kind.
 */
export function shown(v: unknown): string {
  if (typeof v === 'string')
    return v.length > SHOWN_CHARS ? `${JSON.stringify(v.slice(0, SHOWN_CHARS))}...` : JSON.stringify(v);
  if (typeof v === 'number')
    return Number.isFinite(v) ? String(v) : `a number too large to hold (beyond ${v < 0 ? '-' : ''}1.8e308)`;
  if (typeof v === 'boolean') return String(v);
  return kindOf(v);
}

/** What a JSON value is, for messages: "null", "an array", "a string", "a number", ... */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  return `a ${typeof v}`;
}
