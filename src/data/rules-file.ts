import { FLOWS, type Flow } from '../catalog/flows.js';
import { lookupPartner } from '../catalog/partners.js';
import { InputError, KorusError, type Location } from '../errors.js';
import { type CheckRule, RULE_TYPES, type RulesFile, type RuleType } from '../model/check-rules.js';
import { type ConfigKind, parseConfigJson } from './config-json.js';
import type { TextPosition } from './json-position.js';
import {
  bound,
  checkBounds,
  dataPaths,
  isObject,
  kindOf,
  nearest,
  type ProblemAt,
  shown,
  text,
  unknownKeys,
} from './rules-fields.js';

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
/** The rule types about one partner: each needs a "partner". */
const PARTNER_TYPES: readonly RuleType[] = ['share', 'partner-present', 'value', 'balance'];
const EXAMPLE_RULE =
  '{"name": "Korea under 1% of apparel", "type": "share", "category": "apparel", "year": 2016, "partner": "KR", "max": 0.01}';

/** A rules file, as messages name it. */
export const RULES_FILE: ConfigKind = {
  what: 'rules file',
  code: 'rules-file',
  // Real ones are a few kilobytes.
  maxBytes: 4 * 2 ** 20,
  expected: 'a JSON object with "rules"',
  example: `{"rules": [${EXAMPLE_RULE}]}`,
};

/**
 * Parses and checks a rules file's text (checked by hand against the same constraints as
 * schemas/checks.schema.json). Throws InputError (exit 2) naming the file, line and column of every problem.
 */
export function parseRules(text: string, file: string): RulesFile {
  const parsed = parseConfigJson(text, file, RULES_FILE);
  const { json } = parsed;
  const where = parsed.where();
  const problems: Array<{ at: TextPosition; detail: string; hint?: string }> = [];
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
        problem(
          `rules[${i}].name`,
          `rule ${i + 1}: the name ${shown(rule.name)} is already rule ${first + 1}'s`,
        );
      else names.set(rule.name, i);
      rules.push(rule);
    });
  }
  if (problems.length) throw rulesError(file, problems);
  return { file, data, rules };
}

function checkRule(
  entry: unknown,
  i: number,
  where: Map<string, TextPosition>,
  problem: ProblemAt,
): CheckRule | undefined {
  const path = `rules[${i}]`;
  if (!isObject(entry)) {
    problem(path, `rule ${i + 1} must be an object, not ${kindOf(entry)}`, `e.g. ${EXAMPLE_RULE}`);
    return undefined;
  }
  const at = (key: string) => `${path}.${key}`;
  const label =
    typeof entry.name === 'string' && entry.name.trim()
      ? `rule ${i + 1} (${shown(entry.name)})`
      : `rule ${i + 1}`;
  // A rule with any problem is reported and left out; the count says whether this one had any.
  let found = 0;
  const counted: ProblemAt = (p, d, h) => {
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
      `"type" is ${shown(entry.type)}, not one of ${RULE_TYPES.join(', ')}`,
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
      fail('year', `"year" must be a four-digit year such as 2016, not ${shown(entry.year)}`);
    else year = entry.year;
  } else if (type === 'rows') fail('year', 'a rows rule needs a "year"');
  const partner = text(entry, 'partner', false, fail);
  if (type !== undefined) {
    if (partner === undefined && entry.partner === undefined && PARTNER_TYPES.includes(type))
      fail('partner', `a ${type} rule needs a "partner" (e.g. "KR", "KOR", "South Korea")`);
    if (entry.partner !== undefined && (type === 'total' || type === 'rows'))
      fail('partner', `a ${type} rule has no "partner": it is about the whole category`);
  }
  if (partner !== undefined) {
    const p = lookupPartner(partner);
    if (p.kind === 'world' || p.kind === 'group' || p.kind === 'remainder')
      fail(
        'partner',
        `"partner" ${shown(partner)} is an aggregate row (${p.kind}), not a partner`,
        p.kind === 'world' && type !== 'balance' ? 'use a total rule for the World figure' : undefined,
      );
  }
  // A balance is exports minus imports: it reads both flows, so it has none of its own.
  let flow: Flow | null = type === 'balance' ? null : 'imports';
  if (entry.flow !== undefined && type === 'balance') {
    fail(
      'flow',
      'a balance rule has no "flow": it reads both flows, exports minus imports',
      'for one flow\'s figure, use a value rule with "flow"',
    );
  } else if (entry.flow !== undefined) {
    if (typeof entry.flow !== 'string' || !FLOWS.includes(entry.flow as Flow))
      fail(
        'flow',
        `"flow" is ${shown(entry.flow)}, not one of ${FLOWS.join(', ')}`,
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

function rulesError(
  file: string,
  problems: Array<{ at: TextPosition; detail: string; hint?: string }>,
): KorusError {
  const loc = (at: TextPosition): Location => ({ file, line: at.line, column: at.column });
  problems.sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
  const [only] = problems;
  if (problems.length === 1 && only)
    return new InputError(loc(only.at), only.detail, only.hint, 'rules-file');
  const lines = problems.map(
    (p) => `  ${file}:${p.at.line}:${p.at.column}: ${p.detail}${p.hint ? ` (${p.hint})` : ''}`,
  );
  return new KorusError(`${file}: ${problems.length} problems in the rules file:`, 2, undefined, lines);
}
