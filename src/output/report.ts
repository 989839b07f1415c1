import type { ChalkInstance } from 'chalk';
import type { ProblemCode } from '../model/codes.js';
import { type FileSummary, PROBLEM_SEVERITY, type Problem } from '../model/problems.js';
import { count, counted } from './format.js';
import { markdownCell, safeMessage } from './safe.js';

/** validate's report formats. */
export { REPORT_FORMATS } from './formats.js';

/** The version of validate's JSON report (schemas/validate.schema.json). */
export const VALIDATE_SCHEMA_VERSION = 1;

/** Everything validate found: the files, how many problems were listed (up to --max-errors), the full counts. */
export interface ValidationReport {
  valid: boolean;
  strict: boolean;
  files: Array<FileSummary & { errors: number; warnings: number }>;
  /** How many problems were listed (written out): at most --max-errors. */
  listed: number;
  /** The first problems listed (a few), for the GitHub step summary. */
  first: Problem[];
  /** All problems, counted: the listing may be cut, these never are. */
  counts: { errors: number; warnings: number; byCode: Record<string, number> };
}

const str = (s: string | null | undefined): string => (s == null ? 'null' : JSON.stringify(s));

/** A problem as the JSON report has it, on one line (hint null when there is none). */
export function problemJson(p: Problem): string {
  // Written by hand, member by member: JSON.stringify of a copy of the object was most of a large report's time.
  return `{"file":${str(p.file)},"line":${p.line ?? null},"column":${p.column ?? null},"field":${str(p.field)},"code":${str(p.code)},"severity":${str(p.severity)},"message":${str(p.message)},"hint":${str(p.hint)}}`;
}

/** The JSON report's members after `problems` (written last, once the counts are complete). */
export function reportTail(r: ValidationReport): object {
  return {
    valid: r.valid,
    strict: r.strict,
    summary: {
      files: r.files.length,
      rows: r.files.reduce((a, f) => a + f.rows, 0),
      errors: r.counts.errors,
      warnings: r.counts.warnings,
      listed: r.listed,
    },
    counts: r.counts.byCode,
    files: r.files,
  };
}

const where = (p: Problem): string =>
  `${p.file}${p.line ? `:${p.line}` : ''}${p.line && p.column ? `:${p.column}` : ''}`;

/** The closing line: files, rows, counts and the verdict. */
export function summaryLine(r: ValidationReport): string {
  const rows = r.files.reduce((a, f) => a + f.rows, 0);
  const verdict = r.valid ? 'valid' : r.counts.errors ? 'invalid' : 'invalid (--strict: warnings fail)';
  const cut =
    r.listed < r.counts.errors + r.counts.warnings
      ? `; ${r.listed.toLocaleString('en-US')} listed (--max-errors)`
      : '';
  return `${counted(r.files.length, 'file')}, ${counted(rows, 'row')}: ${counted(r.counts.errors, 'error')}, ${counted(r.counts.warnings, 'warning')}${cut}: ${verdict}`;
}

/** The text report: each file with its listed problems grouped by code, then the summary line. */
export function renderText(r: ValidationReport, listed: Problem[], c: ChalkInstance): string {
  const out: string[] = [];
  const byFile = new Map<string, Problem[]>();
  for (const p of listed) {
    const list = byFile.get(p.file);
    if (list) list.push(p);
    else byFile.set(p.file, [p]);
  }
  for (const f of r.files) {
    const mine = (byFile.get(f.name) ?? []).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const head = `${c.bold(safeMessage(f.name))} ${c.dim(`(${counted(f.rows, 'row')}${f.layout ? `, ${f.layout}${f.variant ? ` ${f.variant}` : ''}` : ''})`)}`;
    if (!mine.length) {
      out.push(
        `${head} ${f.errors + f.warnings ? c.dim('problems not listed (--max-errors)') : c.green('ok')}`,
      );
      continue;
    }
    out.push(head);
    const codes = new Map<string, Problem[]>();
    for (const p of mine) {
      const list = codes.get(p.code);
      if (list) list.push(p);
      else codes.set(p.code, [p]);
    }
    for (const [code, list] of codes) {
      const severity = list[0]?.severity ?? 'error';
      const tag = severity === 'error' ? c.red('error') : c.yellow('warning');
      const all = r.counts.byCode[code] ?? list.length;
      const n =
        list.length < all && r.files.length === 1
          ? `${list.length.toLocaleString('en-US')} of ${all.toLocaleString('en-US')}`
          : `${list.length}`;
      out.push(`  ${tag} ${c.bold(code)} ${c.dim(`(${n})`)}`);
      for (const p of list) {
        const field = p.field ? ` [${p.field}]` : '';
        out.push(`    ${safeMessage(`${where(p)}${field}: ${p.message}`)}`);
        if (p.hint) out.push(`      ${c.dim(`hint: ${safeMessage(p.hint)}`)}`);
      }
    }
  }
  const more = r.counts.errors + r.counts.warnings - r.listed;
  if (more > 0)
    out.push(c.dim(`and ${counted(more, 'more problem')} not listed (--max-errors to list more)`));
  out.push(summaryLine(r));
  return `${out.join('\n')}\n`;
}

/** A Markdown summary for $GITHUB_STEP_SUMMARY: counts per file and code, and the first problems. */
export function githubSummary(r: ValidationReport): string {
  const out = [`### korus-stats validate: ${r.valid ? 'valid' : 'invalid'}`, '', summaryLine(r), ''];
  out.push('| file | rows | errors | warnings |', '|---|--:|--:|--:|');
  for (const f of r.files)
    out.push(`| ${markdownCell(f.name)} | ${count(f.rows)} | ${count(f.errors)} | ${count(f.warnings)} |`);
  const codes = Object.entries(r.counts.byCode);
  if (codes.length) {
    out.push('', '| problem | count | severity |', '|---|--:|---|');
    for (const [code, n] of codes)
      out.push(`| ${code} | ${n} | ${PROBLEM_SEVERITY[code as ProblemCode] ?? 'error'} |`);
    out.push('', '<details><summary>First problems</summary>', '');
    for (const p of r.first)
      out.push(`- \`${safeMessage(where(p))}\` ${p.severity} ${p.code}: ${markdownCell(p.message)}`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}
