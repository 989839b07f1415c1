import type { Flow } from '../catalog/flows.js';
import type { CheckRule, RulesFile, RuleType } from '../model/check-rules.js';
import type { RulePartner, RuleReason } from '../model/facts/check.js';
import type { Note } from '../model/notes.js';
import type { Usd } from '../model/usd.js';
import type { BalanceResult } from './balance/index.js';
import type { ShareResult } from './share/index.js';

/**
 * What was computed for one rule: a share result (from the same pipeline as `share`), a balance by partner
 * (a balance rule: as `balance` computes it), or why there is none.
 */
export type Measurement =
  | { result: ShareResult; partnerCode?: string }
  | { balance: BalanceResult; partnerCode: string }
  | { error: string; hint?: string };

/** Why a rule failed: measured outside a bound, partner absent, or not measurable (reason says why). */
export type Failure = 'below-min' | 'above-max' | 'absent' | 'not-evaluated';

/** The verdict on one rule, with the value measured and the bounds it was held to. */
export interface RuleOutcome {
  name: string;
  type: RuleType;
  line: number;
  status: 'pass' | 'fail';
  failure: Failure | null;
  /**
   * A fraction (share, change), US dollars (total, value, balance), a count (rows), or presence; null when
   * not evaluated.
   */
  measured: Usd | boolean | null;
  min: number | null;
  max: number | null;
  /** US dollars: the partner's value (share, change, partner-present, value), the total, or the balance. */
  valueUsd: Usd | null;
  /** Why the rule could not be evaluated, or where the partner is absent (worded in output); null otherwise. */
  reason: RuleReason | null;
  query: {
    category: string;
    year: number | null;
    previousYear: number | null;
    /** Null for a balance rule: both flows are read. */
    flow: Flow | null;
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
  if ('error' in m)
    return { ...base, reason: { code: 'not-measured', facts: { error: m.error, hint: m.hint } } };
  if ('balance' in m) return balanceOutcome(base, rule, m.balance, m.partnerCode);
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
  const notEvaluated = (reason: RuleReason): RuleOutcome => ({ ...out, reason });
  const partner: RulePartner = { written: rule.partner, code: m.partnerCode };
  const what = { category: q.category, flow: q.flow };
  const noRow = (year: number): RuleReason => ({ code: 'no-partner-row', facts: { partner, ...what, year } });
  const highlighted = r.rows.find((row) => row.highlighted);
  switch (rule.type) {
    case 'share': {
      if (!highlighted) return notEvaluated(noRow(q.year));
      if (highlighted.share === null)
        return notEvaluated({ code: 'zero-total', facts: { ...what, year: q.year } });
      return bounded({ ...out, valueUsd: highlighted.valueUsd }, highlighted.share, rule);
    }
    case 'total':
      return bounded({ ...out, valueUsd: r.total.valueUsd }, r.total.valueUsd, rule);
    case 'value':
      if (!highlighted) return notEvaluated(noRow(q.year));
      return bounded({ ...out, valueUsd: highlighted.valueUsd }, highlighted.valueUsd, rule);
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
        reason: { code: 'partner-absent', facts: { partner, ...what, year: q.year } },
      };
    }
    case 'change': {
      if (q.previousYear === null)
        return notEvaluated({ code: 'no-previous-year', facts: { ...what, year: q.year - 1 } });
      const subject = rule.partner === undefined ? r.total : highlighted;
      if (!subject) return notEvaluated(noRow(q.year));
      if (subject.changeFraction !== null)
        return bounded({ ...out, valueUsd: subject.valueUsd }, subject.changeFraction, rule);
      if (subject.previousValueUsd !== null)
        return notEvaluated({
          code: 'previous-zero',
          facts: { partner: rule.partner === undefined ? null : partner, previousYear: q.previousYear },
        });
      return notEvaluated(
        rule.partner === undefined
          ? { code: 'totals-not-comparable', facts: { year: q.year, previousYear: q.previousYear } }
          : noRow(q.previousYear),
      );
    }
    case 'balance':
      throw new Error(`balance rule ${rule.name} measured without its exports and imports`);
  }
}

/**
 * A balance rule's verdict: the partner's row of `balance`'s table by partner. Without a figure in either
 * flow there is no balance, and the reason names the flow (never measured as if it were 0).
 */
function balanceOutcome(base: RuleOutcome, rule: CheckRule, b: BalanceResult, code: string): RuleOutcome {
  const q = b.query;
  const { exports, imports } = b.flows;
  const out: RuleOutcome = {
    ...base,
    query: {
      ...base.query,
      category: q.category ?? rule.category,
      year: q.year,
      reporter: q.reporter,
      source: q.source,
      partner: code,
    },
    files: [...new Set([...exports.filesUsed, ...imports.filesUsed])],
    notes: balanceNotes(b),
  };
  const row = b.rows.find((r) => r.kind === 'partner' && r.code === code);
  if (!row || row.balanceUsd === null) {
    const missing = row?.missing ?? [{ flow: 'exports' }, { flow: 'imports' }];
    const partner: RulePartner = { written: rule.partner, code };
    return {
      ...out,
      reason: {
        code: 'missing-flow',
        facts: { partner, category: out.query.category, year: q.year, missing },
      },
    };
  }
  return bounded({ ...out, valueUsd: row.balanceUsd }, row.balanceUsd, rule);
}

/**
 * The notes of a balance rule: `balance`'s, but for its missing-flow notes, which count the other partners
 * of the table without a figure in one flow (the rule's own partner's is its reason).
 */
export function balanceNotes(b: BalanceResult): Note[] {
  return b.notes.filter((n) => n.code !== 'missing-flow');
}

function bounded(out: RuleOutcome, value: Usd, rule: CheckRule): RuleOutcome {
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
