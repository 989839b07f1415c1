import { distance } from 'fastest-levenshtein';
import { FLOWS, type Flow } from '../catalog/flows.js';
import { lookupPartner } from '../catalog/partners.js';
import { InputError, KorusError, type Location } from '../errors.js';
import type { Note } from '../model/notes.js';
import type { ShareResult } from './share/index.js';

/** The kinds of expectation a rules file can state. */
export const RULE_TYPES = ['share', 'total', 'partner-present', 'rows', 'change'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

/** One named expectation of a rules file, checked and with its defaults filled in. */
export interface CheckRule {
  name: string;
  type: RuleType;
  category: string;
  /** Undefined: the latest year with data for the category (as `share` does); `rows` rules always name one. */
  year?: number;
  /** As written in the file; its catalog code is found when the rule is measured. */
  partner?: string;
  flow: Flow;
  reporter?: string;
  source?: string;
  /** Paths as written in the file, relative to the file's folder. */
  data?: string[];
  /** Inclusive bounds: fractions for share and change, US dollars for total, a count for rows. */
  min?: number;
  max?: number;
  description?: string;
  /** 1-based line of the rule in its file (its "name", else its opening brace). */
  line: number;
}

/** A rules file, checked. */
export interface RulesFile {
  /** The file as named to the user. */
  file: string;
  /** Default data for rules without their own, relative to the file's folder. */
  data?: string[];
  rules: CheckRule[];
}

/** What was computed for one rule: a share result (from the same pipeline as `share`), or why there is none. */
export type Measurement = { result: ShareResult; partnerCode?: string } | { error: string; hint?: string };

/** Why a rule failed: measured outside a bound, partner absent, or not measurable (reason says why). */
export type Failure = 'below-min' | 'above-max' | 'absent' | 'not-evaluated';

/** The verdict on one rule, with the value measured and the bounds it was held to. */
export interface RuleOutcome {
  name: string;
  type: RuleType;
  line: number;
  status: 'pass' | 'fail';
  failure: Failure | null;
  /** A fraction (share, change), US dollars (total), a count (rows), or presence; null when not evaluated. */
  measured: number | boolean | null;
  min: number | null;
  max: number | null;
  /** The partner's value (share, change, partner-present) or the total (total), in US dollars. */
  valueUsd: number | null;
  /** Why the rule could not be evaluated, or where the partner is absent; null otherwise. */
  reason: string | null;
  query: {
    category: string;
    year: number | null;
    previousYear: number | null;
    flow: Flow;
    reporter: string | null;
    source: string | null;
    partner: string | null;
  };
  /** The data files that gave rows to the measurement. */
  files: string[];
  notes: Note[];
}

/** Every rule's verdict. */
export interface CheckReport {
  rulesFile: string;
  passed: number;
  failed: number;
  results: RuleOutcome[];
}

/** Checks one rule against what was computed for it. Pure: the arithmetic is the share result's own. */
export function evaluateRule(rule: CheckRule, m: Measurement): RuleOutcome {
  const base: RuleOutcome = {
    name: rule.name,
    type: rule.type,
    line: rule.line,
    status: 'fail',
    failure: 'not-evaluated',
    measured: null,
    min: rule.min ?? null,
    max: rule.max ?? null,
    valueUsd: null,
    reason: null,
    query: {
      category: rule.category,
      year: rule.year ?? null,
      previousYear: null,
      flow: rule.flow,
      reporter: rule.reporter ?? null,
      source: rule.source ?? null,
      partner: rule.partner ?? null,
    },
    files: [],
    notes: [],
  };
  if ('error' in m) return { ...base, reason: m.hint ? `${m.error} (${m.hint})` : m.error };
  const r = m.result;
  const q = r.query;
  const out: RuleOutcome = {
    ...base,
    query: {
      category: q.category,
      year: q.year,
      previousYear: q.previousYear,
      flow: q.flow,
      reporter: q.reporter,
      source: q.source,
      partner: m.partnerCode ?? rule.partner ?? null,
    },
    files: r.input.filesUsed,
    notes: r.notes,
  };
  const notEvaluated = (reason: string): RuleOutcome => ({ ...out, reason });
  const partner =
    m.partnerCode && m.partnerCode !== rule.partner ? `${rule.partner} (${m.partnerCode})` : rule.partner;
  const what = `${q.category} ${q.flow}`;
  const highlighted = r.rows.find((row) => row.highlighted);
  switch (rule.type) {
    case 'share': {
      if (!highlighted) return notEvaluated(`${partner} has no ${what} row for ${q.year}`);
      if (highlighted.share === null) return notEvaluated(`the ${q.year} ${what} total is 0: no share`);
      return bounded({ ...out, valueUsd: highlighted.valueUsd }, highlighted.share, rule);
    }
    case 'total':
      return bounded({ ...out, valueUsd: r.total.valueUsd }, r.total.valueUsd, rule);
    case 'rows': {
      const i = r.input;
      return bounded(out, i.rowsUsed + i.rowsMissing + i.rowsAggregate, rule);
    }
    case 'partner-present': {
      const row = r.rows.find((x) => x.kind === 'partner' && x.code === m.partnerCode);
      if (row) return { ...out, status: 'pass', failure: null, measured: true, valueUsd: row.valueUsd };
      return {
        ...out,
        failure: 'absent',
        measured: false,
        reason: `${partner} has no ${what} row with a value for ${q.year}`,
      };
    }
    case 'change': {
      if (q.previousYear === null) return notEvaluated(`no ${q.year - 1} ${what} figures to compare with`);
      const subject = rule.partner === undefined ? r.total : highlighted;
      if (!subject) return notEvaluated(`${partner} has no ${what} row for ${q.year}`);
      if (subject.changeFraction !== null)
        return bounded({ ...out, valueUsd: subject.valueUsd }, subject.changeFraction, rule);
      if (subject.previousValueUsd !== null)
        return notEvaluated(
          `${rule.partner === undefined ? 'the total' : partner} was 0 in ${q.previousYear}: no change as a fraction`,
        );
      return notEvaluated(
        rule.partner === undefined
          ? `the ${q.year} and ${q.previousYear} totals are not comparable (a reported total in one year, a sum of partners in the other)`
          : `${partner} has no ${what} row for ${q.previousYear}`,
      );
    }
  }
}

function bounded(out: RuleOutcome, value: number, rule: CheckRule): RuleOutcome {
  const failure: Failure | null =
    rule.min !== undefined && value < rule.min
      ? 'below-min'
      : rule.max !== undefined && value > rule.max
        ? 'above-max'
        : null;
  return { ...out, measured: value, status: failure ? 'fail' : 'pass', failure };
}

/** Checks every rule against its measurement (same order). */
export function evaluateRules(rules: RulesFile, measurements: Measurement[]): CheckReport {
  const results = rules.rules.map((rule, i) => {
    const m = measurements[i];
    if (!m) throw new Error(`no measurement for rule ${i + 1}`);
    return evaluateRule(rule, m);
  });
  const passed = results.filter((r) => r.status === 'pass').length;
  return { rulesFile: rules.file, passed, failed: results.length - passed, results };
}

// ---- the rules file ----

interface Position {
  line: number;
  column: number;
}

const TOP_KEYS = ['$schema', 'description', 'data', 'rules'];
const RULE_KEYS = [
  'name',
  'type',
  'description',
  'category',
  'year',
  'partner',
  'flow',
  'reporter',
  'source',
  'data',
  'min',
  'max',
];
const EXAMPLE_RULE =
  '{"name": "Korea under 1% of apparel", "type": "share", "category": "apparel", "year": 2016, "partner": "KR", "max": 0.01}';

/**
 * Parses and checks a rules file's text (checked by hand against the same constraints as
 * schemas/checks.schema.json). Throws InputError (exit 2) naming the file, line and column of every problem.
 */
export function parseRules(text: string, file: string): RulesFile {
  const body = text.replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    throw syntaxError(body, file, (err as Error).message);
  }
  const where = locateJson(body);
  const problems: Array<{ at: Position; detail: string; hint?: string }> = [];
  const problem = (path: string, detail: string, hint?: string) =>
    problems.push({ at: where.get(path) ?? { line: 1, column: 1 }, detail, hint });

  if (!isObject(json)) {
    problem(
      '',
      `the rules file must be a JSON object, not ${kindOf(json)}`,
      `e.g. {"rules": [${EXAMPLE_RULE}]}`,
    );
    throw rulesError(file, problems);
  }
  unknownKeys(json, TOP_KEYS, '', 'the rules file', problem);
  const data = dataPaths(json.data, 'data', 'the rules file', problem);
  if (json.description !== undefined && typeof json.description !== 'string')
    problem('description', `"description" must be a string, not ${kindOf(json.description)}`);
  const rules: CheckRule[] = [];
  if (json.rules === undefined) {
    problem('', 'no "rules" array', `e.g. {"rules": [${EXAMPLE_RULE}]}`);
  } else if (!Array.isArray(json.rules)) {
    problem('rules', `"rules" must be an array of rules, not ${kindOf(json.rules)}`);
  } else if (json.rules.length === 0) {
    problem('rules', '"rules" is empty: nothing to check', `e.g. [${EXAMPLE_RULE}]`);
  } else {
    const names = new Map<string, number>();
    json.rules.forEach((entry: unknown, i: number) => {
      const rule = checkRule(entry, i, where, problem);
      if (!rule) return;
      const first = names.get(rule.name);
      if (first !== undefined)
        problem(`rules[${i}].name`, `rule ${i + 1}: the name "${rule.name}" is already rule ${first + 1}'s`);
      else names.set(rule.name, i);
      rules.push(rule);
    });
  }
  if (problems.length) throw rulesError(file, problems);
  return { file, data, rules };
}

type Problem = (path: string, detail: string, hint?: string) => void;

function checkRule(
  entry: unknown,
  i: number,
  where: Map<string, Position>,
  problem: Problem,
): CheckRule | undefined {
  const path = `rules[${i}]`;
  if (!isObject(entry)) {
    problem(path, `rule ${i + 1} must be an object, not ${kindOf(entry)}`, `e.g. ${EXAMPLE_RULE}`);
    return undefined;
  }
  const at = (key: string) => `${path}.${key}`;
  const label =
    typeof entry.name === 'string' && entry.name.trim() ? `rule ${i + 1} ("${entry.name}")` : `rule ${i + 1}`;
  // A rule with any problem is reported and left out; the count says whether this one had any.
  let found = 0;
  const counted: Problem = (p, d, h) => {
    found++;
    problem(p, d, h);
  };
  const fail = (key: string, detail: string, hint?: string) =>
    counted(entry[key] === undefined ? path : at(key), `${label}: ${detail}`, hint);
  unknownKeys(entry, RULE_KEYS, path, label, counted);

  const name = text(entry, 'name', true, fail);
  let type: RuleType | undefined;
  if (entry.type === undefined) fail('type', `no "type" (one of ${RULE_TYPES.join(', ')})`);
  else if (typeof entry.type !== 'string' || !RULE_TYPES.includes(entry.type as RuleType)) {
    fail(
      'type',
      `"type" is ${JSON.stringify(entry.type)}, not one of ${RULE_TYPES.join(', ')}`,
      nearest(entry.type, RULE_TYPES),
    );
  } else type = entry.type as RuleType;
  const category = text(entry, 'category', true, fail);
  let year: number | undefined;
  if (entry.year !== undefined) {
    if (
      typeof entry.year !== 'number' ||
      !Number.isInteger(entry.year) ||
      entry.year < 1000 ||
      entry.year > 9999
    )
      fail('year', `"year" must be a four-digit year such as 2016, not ${JSON.stringify(entry.year)}`);
    else year = entry.year;
  } else if (type === 'rows') fail('year', 'a rows rule needs a "year"');
  const partner = text(entry, 'partner', false, fail);
  if (type !== undefined) {
    if (
      partner === undefined &&
      entry.partner === undefined &&
      (type === 'share' || type === 'partner-present')
    )
      fail('partner', `a ${type} rule needs a "partner" (e.g. "KR", "KOR", "South Korea")`);
    if (entry.partner !== undefined && (type === 'total' || type === 'rows'))
      fail('partner', `a ${type} rule has no "partner": it is about the whole category`);
  }
  if (partner !== undefined) {
    const p = lookupPartner(partner);
    if (p.kind === 'world' || p.kind === 'group' || p.kind === 'remainder')
      fail(
        'partner',
        `"partner" ${JSON.stringify(partner)} is an aggregate row (${p.kind}), not a partner`,
        p.kind === 'world' ? 'use a total rule for the World figure' : undefined,
      );
  }
  let flow: Flow = 'imports';
  if (entry.flow !== undefined) {
    if (typeof entry.flow !== 'string' || !FLOWS.includes(entry.flow as Flow))
      fail(
        'flow',
        `"flow" is ${JSON.stringify(entry.flow)}, not one of ${FLOWS.join(', ')}`,
        nearest(entry.flow, FLOWS),
      );
    else flow = entry.flow as Flow;
  }
  const reporter = text(entry, 'reporter', false, fail);
  const source = text(entry, 'source', false, fail);
  const description = entry.description;
  if (description !== undefined && typeof description !== 'string')
    fail('description', `"description" must be a string, not ${kindOf(description)}`);
  const data = dataPaths(entry.data, at('data'), label, counted);
  const min = bound(entry, 'min', fail);
  const max = bound(entry, 'max', fail);
  if (type !== undefined) checkBounds(type, entry, min, max, fail);

  if (found > 0 || name === undefined || type === undefined || category === undefined) return undefined;
  const line = (where.get(at('name')) ?? where.get(path) ?? { line: 1 }).line;
  return {
    name,
    type,
    category,
    year,
    partner,
    flow,
    reporter,
    source,
    data,
    min,
    max,
    description: description as string | undefined,
    line,
  };
}

function checkBounds(
  type: RuleType,
  entry: Record<string, unknown>,
  min: number | undefined,
  max: number | undefined,
  fail: (key: string, detail: string, hint?: string) => void,
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
    const unit =
      type === 'total'
        ? 'US dollars, e.g. "min": 80700000000'
        : type === 'share'
          ? 'fractions, e.g. "max": 0.01 for 1%'
          : 'fractions, e.g. "min": -0.1 for -10%';
    fail('min', `a ${type} rule needs a "min", a "max" or both (${unit})`);
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

function bound(
  entry: Record<string, unknown>,
  key: 'min' | 'max',
  fail: (key: string, detail: string, hint?: string) => void,
): number | undefined {
  const v = entry[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    fail(
      key,
      `"${key}" must be a number, not ${kindOf(v)}${typeof v === 'string' ? ` ${JSON.stringify(v)}` : ''}`,
      typeof v === 'string'
        ? 'write numbers without quotes; shares and changes as fractions (0.01 is 1%)'
        : undefined,
    );
    return undefined;
  }
  return v;
}

function text(
  entry: Record<string, unknown>,
  key: string,
  required: boolean,
  fail: (key: string, detail: string, hint?: string) => void,
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

function dataPaths(v: unknown, path: string, label: string, problem: Problem): string[] | undefined {
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

function unknownKeys(
  obj: Record<string, unknown>,
  known: readonly string[],
  path: string,
  label: string,
  problem: Problem,
): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    problem(
      path ? `${path}.${key}` : key,
      `${label}: unknown field "${key}"`,
      nearest(key, known) ?? `fields: ${known.join(', ')}`,
    );
  }
}

function nearest(given: unknown, options: readonly string[]): string | undefined {
  if (typeof given !== 'string') return undefined;
  const best = options.map((o) => ({ o, d: distance(given.toLowerCase(), o) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, given.length / 3) ? `did you mean "${best.o}"?` : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  return `a ${typeof v}`;
}

function rulesError(
  file: string,
  problems: Array<{ at: Position; detail: string; hint?: string }>,
): KorusError {
  const loc = (at: Position): Location => ({ file, line: at.line, column: at.column });
  problems.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
  const [only] = problems;
  if (problems.length === 1 && only)
    return new InputError(loc(only.at), only.detail, only.hint, 'rules-file');
  const lines = problems.map(
    (p) => `  ${file}:${p.at.line}:${p.at.column}: ${p.detail}${p.hint ? ` (${p.hint})` : ''}`,
  );
  return new KorusError(`${file}: ${problems.length} problems in the rules file:\n${lines.join('\n')}`, 2);
}

function syntaxError(text: string, file: string, message: string): InputError {
  const m = /at position (\d+)/.exec(message);
  const offset = m ? Number(m[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const detail = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '');
  return new InputError(
    { file, line, column },
    text.trim() === '' ? 'empty file: expected a JSON object with "rules"' : `not valid JSON: ${detail}`,
    text.trim() === '' ? `e.g. {"rules": [${EXAMPLE_RULE}]}` : undefined,
    'rules-file',
  );
}

/**
 * Where each value of a valid JSON text starts (1-based line and column), by path: "" for the root,
 * "rules[2]" for an array element, "rules[2].max" for an object member (at its key, where people look).
 */
export function locateJson(text: string): Map<string, Position> {
  const out = new Map<string, Position>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const pos = (): Position => ({ line, column: i - lineStart + 1 });
  const space = () => {
    for (;;) {
      const c = text[i];
      if (c === '\n') {
        line++;
        i++;
        lineStart = i;
      } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else return;
    }
  };
  // Strings of valid JSON hold no raw line breaks, so lines are counted in whitespace only.
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, mark: boolean): void => {
    space();
    if (mark) out.set(path, pos());
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        const at = pos();
        const key = string();
        const member = path ? `${path}.${key}` : key;
        out.set(member, at);
        space();
        i++; // :
        value(member, false);
        space();
        if (text[i++] === '}') return;
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`, true);
        space();
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') {
      string();
      return;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
  };
  value('', true);
  return out;
}
