import type { ChalkInstance } from 'chalk';
import type { CheckReport, RuleOutcome } from '../core/check.js';
import type { Usd } from '../model/usd.js';
import { githubAnnotation, type JunitCase, junitXml } from './ci-formats.js';
import { humanUsd, percent, signedPercent } from './format.js';
import { CHECK_FORMATS } from './formats.js';
import { reasonText } from './notes/check.js';
import { noteJson } from './notes.js';
import type { Renderable } from './render.js';
import { safeMessage } from './safe.js';
import { renderMarkdown, type TextTable } from './text-table.js';

export { CHECK_FORMATS };

/** The version of the `check` JSON shape (schemas/check-output.schema.json); bumped on any breaking change. */
export const CHECK_SCHEMA_VERSION = 1;

/** Where GitHub should pin annotations: the rules file, as a path relative to the workspace. */
export interface CheckRenderOptions {
  annotationFile: string;
}

/** A check report in every format it offers, for render(): github is nothing but annotations. */
export function renderCheck(report: CheckReport, opts: CheckRenderOptions): Renderable {
  return {
    command: 'check',
    formats: CHECK_FORMATS,
    json: () => checkJson(report),
    lines: (c) => checkText(report, c),
    github: () => checkGithub(report, opts.annotationFile),
    junit: () => checkJunit(report),
    markdown: () => checkMarkdown(report),
  };
}

/** The check report as the documented JSON object. */
export function checkJson(report: CheckReport): object {
  return {
    schemaVersion: CHECK_SCHEMA_VERSION,
    command: 'check',
    rulesFile: report.rulesFile,
    ok: report.failed === 0,
    counts: { rules: report.results.length, passed: report.passed, failed: report.failed },
    results: report.results.map((r) => ({
      ...r,
      reason: reasonOf(r),
      notes: r.notes.map(noteJson),
    })),
  };
}

/** The measured value for people: 0.31%, US$80.71bn, -7.5%, 12 rows, present, -US$22.88bn. */
export function measuredText(r: RuleOutcome): string {
  if (r.measured === null) return 'not measured';
  if (typeof r.measured === 'boolean')
    return r.measured ? `present${r.valueUsd === null ? '' : `, ${humanUsd(r.valueUsd)}`}` : 'absent';
  return formatValue(r, r.measured);
}

/** The bounds for people: "max 1.00%", "min -10.0%, max 0.0%", "expected present". */
export function boundText(r: RuleOutcome): string {
  if (r.type === 'partner-present') return 'expected present';
  const parts: string[] = [];
  if (r.min !== null) parts.push(`min ${formatValue(r, r.min)}`);
  if (r.max !== null) parts.push(`max ${formatValue(r, r.max)}`);
  return parts.join(', ');
}

/**
 * The decimals a share rule's figures are shown with: 2, or as many (up to 6) as tell its min and max apart
 * (a bound of 1.403% to 1.404% would otherwise read "min 1.40%, max 1.40%").
 */
function shareDigits(r: RuleOutcome): number {
  if (r.min === null || r.max === null || r.min === r.max) return 2;
  let d = 2;
  while (d < 6 && percent(r.min, d) === percent(r.max, d)) d++;
  return d;
}

/** One line per rule: "✓ name: measured (bound) pass", with the reason for a failure on the next line. */
export function checkText(report: CheckReport, c: ChalkInstance): string {
  const out = [c.bold(`Checks in ${safeMessage(report.rulesFile)}`)];
  for (const r of report.results) {
    const mark = r.status === 'pass' ? c.green('✓') : c.red('✗');
    const verdict = r.status === 'pass' ? c.green('pass') : c.red(`fail${failureText(r)}`);
    out.push(`${mark} ${safeMessage(r.name)}: ${measuredText(r)} (${boundText(r)}) ${verdict}`);
    const reason = reasonOf(r);
    if (reason) out.push(`    ${c.dim(safeMessage(reason))}`);
  }
  out.push(summaryLine(report, c));
  return `${out.join('\n')}\n`;
}

/** "5 rules: 4 passed, 1 failed". */
export function summaryLine(report: CheckReport, c?: ChalkInstance): string {
  const n = report.results.length;
  const failed = `${report.failed} failed`;
  return `${n} rule${n === 1 ? '' : 's'}: ${report.passed} passed, ${report.failed && c ? c.red(failed) : failed}`;
}

/**
 * `--format github`: nothing but workflow commands, each escaped (a newline in a rule's name or a file's
 * cannot start a command of its own): an `::error` per failed rule, then the summary as a `::notice`.
 */
export function checkGithub(report: CheckReport, file: string): string {
  const summary = githubAnnotation('notice', `${report.rulesFile}: ${summaryLine(report)}`, {
    title: 'korus-stats check',
  });
  return `${githubAnnotations(report, file)}${summary}`;
}

/** One `::error` annotation per failed rule, pinned to the rule's line in the rules file. */
export function githubAnnotations(report: CheckReport, file: string): string {
  return report.results
    .filter((r) => r.status === 'fail')
    .map((r) =>
      githubAnnotation('error', failureMessage(r), {
        file,
        line: r.line,
        title: `korus-stats check: ${r.name}`,
      }),
    )
    .join('');
}

/** JUnit XML: one test case per rule. */
export function checkJunit(report: CheckReport): string {
  const cases: JunitCase[] = report.results.map((r) => ({
    name: r.name,
    classname: `korus-stats.check.${r.type}`,
    failure:
      r.status === 'pass'
        ? undefined
        : {
            message: failureMessage(r),
            type: r.failure ?? 'fail',
            details: `${failureMessage(r)}\n(${report.rulesFile}, line ${r.line})`,
          },
  }));
  return junitXml(`korus-stats check ${report.rulesFile}`, cases);
}

/** A Markdown table of the rules (GitHub job summary, `--format markdown`). */
export function checkMarkdown(report: CheckReport): string {
  const table: TextTable = {
    title: `korus-stats check: ${report.rulesFile}: ${summaryLine(report)}`,
    columns: [
      { head: '', align: 'left' },
      { head: 'Rule', align: 'left' },
      { head: 'Measured', align: 'right' },
      { head: 'Bound', align: 'left' },
      { head: 'Result', align: 'left' },
    ],
    rows: report.results.map((r) => [
      r.status === 'pass' ? '✅' : '❌',
      r.name,
      measuredText(r),
      boundText(r),
      r.status === 'pass' ? 'pass' : `fail${failureText(r)}`,
    ]),
    footRows: [],
    dim: new Set(),
    footer: report.results.flatMap((r): Array<[string, string]> => {
      const reason = reasonOf(r);
      return reason ? [[r.name, reason]] : [];
    }),
  };
  return renderMarkdown(table);
}

/** "name: measured (bound): why it failed", for annotations and JUnit. */
function failureMessage(r: RuleOutcome): string {
  const head = `${r.name}: ${measuredText(r)} (${boundText(r)})${failureText(r)}`;
  const reason = reasonOf(r);
  return reason ? `${head}: ${reason}` : head;
}

/** The rule's reason in words; null when it has none. */
function reasonOf(r: RuleOutcome): string | null {
  return r.reason && reasonText(r.reason);
}

function failureText(r: RuleOutcome): string {
  switch (r.failure) {
    case 'below-min':
      return ', below the minimum';
    case 'above-max':
      return ', above the maximum';
    case 'absent':
      return ', partner absent';
    case 'not-evaluated':
      return ', could not be measured';
    case null:
      return '';
  }
}

function formatValue(r: RuleOutcome, v: Usd): string {
  switch (r.type) {
    case 'share':
      return percent(Number(v), shareDigits(r));
    case 'change':
      return v === 0 ? '0.0%' : signedPercent(Number(v));
    case 'total':
    case 'value':
    case 'balance':
      // A balance is signed: a deficit is -US$22.88bn.
      return humanUsd(v);
    default:
      return `${v.toLocaleString('en-US')} row${v === 1 ? '' : 's'}`;
  }
}
