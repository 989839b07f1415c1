import type { ChalkInstance } from 'chalk';
import type { ProblemCode } from '../model/codes.js';
import { type FileSummary, PROBLEM_SEVERITY, type Problem } from '../model/problems.js';
import { GITHUB_ANNOTATION_LIMIT, githubAnnotation, type JunitCase, junitXml } from './ci-formats.js';
import type { Format, Renderable } from './render.js';
import { markdownCell, safeMessage } from './safe.js';

/** validate's report formats. */
export const REPORT_FORMATS = ['text', 'json', 'github', 'junit'] as const satisfies readonly Format[];

/** The version of validate's JSON report (schemas/validate.schema.json). */
export const VALIDATE_SCHEMA_VERSION = 1;

/** Everything validate found: the files, every problem listed (up to --max-errors), and the full counts. */
export interface ValidationReport {
  valid: boolean;
  strict: boolean;
  files: Array<FileSummary & { errors: number; warnings: number }>;
  /** The problems listed, in file order (at most --max-errors of them). */
  problems: Problem[];
  /** All problems, counted: the listing may be cut, these never are. */
  counts: { errors: number; warnings: number; byCode: Record<string, number> };
}

/** The report as the documented JSON object. */
export function reportJson(r: ValidationReport): object {
  return {
    schemaVersion: VALIDATE_SCHEMA_VERSION,
    command: 'validate',
    valid: r.valid,
    strict: r.strict,
    summary: {
      files: r.files.length,
      rows: r.files.reduce((a, f) => a + f.rows, 0),
      errors: r.counts.errors,
      warnings: r.counts.warnings,
      listed: r.problems.length,
    },
    counts: r.counts.byCode,
    files: r.files,
    problems: r.problems.map((p) => ({ ...p, hint: p.hint ?? null })),
  };
}

/** The report in every format it offers, for render(). */
export function renderReport(r: ValidationReport): Renderable {
  return {
    command: 'validate',
    formats: REPORT_FORMATS,
    json: () => reportJson(r),
    lines: (c) => renderText(r, c),
    github: () => renderGithub(r),
    junit: () => renderJunit(r),
  };
}

const where = (p: Problem): string =>
  `${p.file}${p.line ? `:${p.line}` : ''}${p.line && p.column ? `:${p.column}` : ''}`;

/** The closing line: files, rows, counts and the verdict. */
export function summaryLine(r: ValidationReport): string {
  const rows = r.files.reduce((a, f) => a + f.rows, 0);
  const plural = (n: number, w: string) => `${n.toLocaleString('en-US')} ${w}${n === 1 ? '' : 's'}`;
  const verdict = r.valid ? 'valid' : r.counts.errors ? 'invalid' : 'invalid (--strict: warnings fail)';
  const cut =
    r.problems.length < r.counts.errors + r.counts.warnings
      ? `; ${r.problems.length} listed (--max-errors)`
      : '';
  return `${plural(r.files.length, 'file')}, ${plural(rows, 'row')}: ${plural(r.counts.errors, 'error')}, ${plural(r.counts.warnings, 'warning')}${cut}: ${verdict}`;
}

function renderText(r: ValidationReport, c: ChalkInstance): string {
  const out: string[] = [];
  for (const f of r.files) {
    const mine = r.problems.filter((p) => p.file === f.name);
    const head = `${c.bold(safeMessage(f.name))} ${c.dim(`(${f.rows.toLocaleString('en-US')} rows${f.layout ? `, ${f.layout}${f.variant ? ` ${f.variant}` : ''}` : ''})`)}`;
    if (!mine.length) {
      out.push(
        `${head} ${f.errors + f.warnings ? c.dim('problems not listed (--max-errors)') : c.green('ok')}`,
      );
      continue;
    }
    out.push(head);
    const codes = [...new Set(mine.map((p) => p.code))];
    for (const code of codes) {
      const list = mine.filter((p) => p.code === code);
      const severity = list[0]?.severity ?? 'error';
      const tag = severity === 'error' ? c.red('error') : c.yellow('warning');
      out.push(`  ${tag} ${c.bold(code)} ${c.dim(`(${list.length})`)}`);
      for (const p of list) {
        const field = p.field ? ` [${p.field}]` : '';
        out.push(`    ${safeMessage(`${where(p)}${field}: ${p.message}`)}`);
        if (p.hint) out.push(`      ${c.dim(`hint: ${safeMessage(p.hint)}`)}`);
      }
    }
  }
  out.push(summaryLine(r));
  return `${out.join('\n')}\n`;
}

function renderGithub(r: ValidationReport): string {
  // Every problem is an annotation; GitHub shows only the first few of a step, so the step summary and the
  // exit code carry the full count.
  const lines = r.problems.map((p) =>
    githubAnnotation(
      p.severity === 'error' ? 'error' : 'warning',
      p.hint ? `${p.message} (${p.hint})` : p.message,
      {
        file: p.file,
        line: p.line,
        column: p.column,
        title: `korus-stats ${p.code}`,
      },
    ),
  );
  const shownErrors = r.problems.filter((p) => p.severity === 'error').length;
  if (r.counts.errors > GITHUB_ANNOTATION_LIMIT || shownErrors < r.counts.errors) {
    lines.push(
      githubAnnotation(
        'notice',
        `${r.counts.errors} errors in all; GitHub shows the first ${GITHUB_ANNOTATION_LIMIT} of a step as annotations: see the step summary`,
      ),
    );
  }
  return `${lines.join('')}${githubAnnotation('notice', summaryLine(r), { title: 'korus-stats validate' })}`;
}

/** A Markdown summary for $GITHUB_STEP_SUMMARY: counts per file and code, and the first problems. */
export function githubSummary(r: ValidationReport): string {
  const out = [`### korus-stats validate: ${r.valid ? 'valid' : 'invalid'}`, '', summaryLine(r), ''];
  out.push('| file | rows | errors | warnings |', '|---|--:|--:|--:|');
  for (const f of r.files) out.push(`| ${markdownCell(f.name)} | ${f.rows} | ${f.errors} | ${f.warnings} |`);
  const codes = Object.entries(r.counts.byCode);
  if (codes.length) {
    out.push('', '| problem | count | severity |', '|---|--:|---|');
    for (const [code, n] of codes)
      out.push(`| ${code} | ${n} | ${PROBLEM_SEVERITY[code as ProblemCode] ?? 'error'} |`);
    out.push('', '<details><summary>First problems</summary>', '');
    for (const p of r.problems.slice(0, 50))
      out.push(`- \`${safeMessage(where(p))}\` ${p.severity} ${p.code}: ${markdownCell(p.message)}`);
    out.push('', '</details>');
  }
  return `${out.join('\n')}\n`;
}

function renderJunit(r: ValidationReport): string {
  const cases: JunitCase[] = r.files.map((f) => {
    const mine = r.problems.filter((p) => p.file === f.name && (p.severity === 'error' || r.strict));
    const failing = f.errors + (r.strict ? f.warnings : 0);
    if (!failing) return { name: f.name, classname: 'korus-stats.validate' };
    return {
      name: f.name,
      classname: 'korus-stats.validate',
      failure: {
        message: `${failing} problem${failing === 1 ? '' : 's'}`,
        type: [...new Set(mine.map((p) => p.code))].join(', ') || 'problems',
        details: mine.map((p) => `${where(p)}: ${p.code}: ${p.message}`).join('\n'),
      },
    };
  });
  return junitXml('korus-stats validate', cases);
}
