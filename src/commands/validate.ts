import { appendFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { ConsistencyChecker } from '../core/consistency.js';
import { valueRules } from '../core/validate-rules.js';
import { loadCategories } from '../data/category-file.js';
import { resolveInputs } from '../data/inputs.js';
import { SharedCaches, workbookOrFile } from '../data/trade-rows.js';
import { validateFile } from '../data/validate-file.js';
import { KorusError } from '../errors.js';
import type { Problem } from '../model/problems.js';
import { chalkFor } from '../output/color.js';
import {
  githubSummary,
  REPORT_FORMATS,
  type ReportFormat,
  renderReport,
  type ValidationReport,
} from '../output/report.js';
import { addInputFlags, type InputFlags, parsePositiveInt, readOptions } from './common.js';
import type { Context } from './context.js';

/** Flags of `validate`. */
export interface ValidateFlags extends InputFlags {
  format: ReportFormat;
  json?: boolean;
  strict?: boolean;
  maxErrors?: number;
  tolerance?: number;
  structure?: boolean;
  color: boolean;
}

const EXAMPLES = `
Examples:
  # check the bundled data, or your own files (folders, globs, - for stdin)
  $ korus-stats validate data/
  $ korus-stats validate 'downloads/census-*.csv' --strict

  # in CI: annotations on the pull request, or a JUnit report
  $ korus-stats validate data/ --format github
  $ korus-stats validate data/ --format junit > validate.xml

  # the CSV structure only (any CSV, no trade columns needed)
  $ korus-stats validate --structure export.csv

Every problem is reported, not only the first: file, line, column, header, a stable code, severity and a
message. Exit 0 when valid, 1 when errors were found (or warnings, with --strict), 2 when it could not run.
`;

/** Registers `validate` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = program
    .command('validate')
    .summary('check trade data files and report every problem (for CI)')
    .description(
      'Checks trade CSV files: their structure (header, blank rows, missing and extra cells, quotes, encoding), each value (years, numbers, HS codes, partners, categories) and their consistency (duplicate rows, World rows against their parts, months against their year).',
    )
    .argument(
      '[paths...]',
      'files, folders of .csv/.csv.gz, globs, or - for stdin (default: the bundled data/)',
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('--json', 'same as --format json')
    .option('--strict', 'warnings fail the run too')
    .option('--max-errors <n>', 'list at most N problems (the counts stay complete)', parsePositiveInt)
    .option(
      '--tolerance <share>',
      "how far a World row may differ from its parts: a fraction or a percentage (default 0.5%, or two units of the file's rounding if larger)",
      parseTolerance,
    )
    .option('--structure', 'check the CSV structure only, not the trade columns')
    .option('--no-color', 'no colors (also: NO_COLOR=1)');
  addInputFlags(cmd);
  cmd.addHelpText('after', EXAMPLES);
  cmd.action(async (paths: string[], flags: ValidateFlags) => {
    ctx.exitCode = await runValidate(paths, flags, ctx);
  });
}

/** Runs `validate` and returns its exit code. */
export async function runValidate(paths: string[], flags: ValidateFlags, ctx: Context): Promise<number> {
  const { io } = ctx;
  if (flags.json && flags.format !== 'text' && flags.format !== 'json') {
    throw new KorusError(`--json and --format ${flags.format} contradict each other`);
  }
  const format: ReportFormat = flags.json ? 'json' : flags.format;
  const options = {
    ...readOptions(flags, io.env),
    structureOnly: flags.structure,
    catalog: await loadCategories(flags.categories),
  };
  const given = [...paths, ...(flags.data ?? [])];
  const inputs = await resolveInputs(given.length ? given : undefined, io.cwd, io.stdin);

  const max = flags.maxErrors ?? Number.POSITIVE_INFINITY;
  const listed: Problem[] = [];
  const byCode: Record<string, number> = {};
  const perFile = new Map<string, { errors: number; warnings: number }>();
  const emit = (p: Problem) => {
    byCode[p.code] = (byCode[p.code] ?? 0) + 1;
    const f = perFile.get(p.file) ?? { errors: 0, warnings: 0 };
    if (p.severity === 'error') f.errors++;
    else f.warnings++;
    perFile.set(p.file, f);
    if (listed.length < max) listed.push(p);
  };
  // Rows are rarely under 30 bytes: the files' sizes bound how many keys the duplicate check will hold.
  const bytes = inputs.reduce((a, i) => a + (i.size ?? 0), 0);
  const checker = new ConsistencyChecker(emit, flags.tolerance, bytes / 30);
  const checks = { rows: checker, values: valueRules(options.catalog) };
  const caches = new SharedCaches(options, {});
  const files: ValidationReport['files'] = [];
  for (const input of inputs) {
    for await (const one of workbookOrFile(input, options)) {
      const summary = await validateFile(one.input, options, caches, checks, emit, one.sheet);
      files.push({ ...summary, errors: 0, warnings: 0 });
    }
  }
  checker.finish();
  for (const f of files) Object.assign(f, perFile.get(f.name) ?? { errors: 0, warnings: 0 });
  // Problems in file order, then line order: the consistency checks report at the end of the run.
  const order = new Map(files.map((f, i) => [f.name, i]));
  listed.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || (a.line ?? 0) - (b.line ?? 0));
  const errors = files.reduce((a, f) => a + f.errors, 0);
  const warnings = files.reduce((a, f) => a + f.warnings, 0);
  const report: ValidationReport = {
    valid: errors === 0 && (!flags.strict || warnings === 0),
    strict: flags.strict === true,
    files,
    problems: listed,
    counts: { errors, warnings, byCode },
  };
  io.stdout.write(renderReport(report, format, chalkFor(io.stdout, io.env, flags.color)));
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile) await appendFile(summaryFile, githubSummary(report));
  return report.valid ? 0 : 1;
}

function parseTolerance(text: string): number {
  const t = text.trim();
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(t);
  const value = pct ? Number(pct[1]) / 100 : /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
  if (!(value >= 0 && value < 1))
    throw new InvalidArgumentError('expected a fraction such as 0.005 or a percentage such as 0.5%.');
  return value;
}
