import type { Command } from 'commander';
import { ConsistencyChecker } from '../core/consistency.js';
import { valueRules } from '../core/validate-rules.js';
import { loadCategories } from '../data/category-file.js';
import { inputNotes } from '../data/read-notes.js';
import { resolveInputs } from '../data/resolve-inputs.js';
import { SharedCaches } from '../data/shared-caches.js';
import { validateFile } from '../data/validate-file.js';
import { workbookOrFile } from '../data/workbook-sheets.js';
import type { FileSummary } from '../model/problems.js';
import { chalkFor } from '../output/color.js';
import { startProgress, totalSize } from '../output/progress.js';
import { githubSummary, REPORT_FORMATS } from '../output/report.js';
import { problemWriter } from '../output/report-stream.js';
import { appendOutput } from './append-output.js';
import { act, type CommandHelp, command } from './command.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { printNotes } from './pipeline.js';
import { ProblemTally } from './validate-tally.js';
import { parsePositiveInt, parseTolerance } from './values.js';

/** How many problems text and GitHub annotations list without --max-errors (JSON and JUnit list all). */
export const DEFAULT_LISTED = 1000;

const HELP: CommandHelp = {
  summary: 'check trade data files and report every problem (for CI)',
  description:
    'Checks trade CSV files: their structure (header, blank rows, missing and extra cells, quotes, encoding), each value (years, numbers, HS codes, partners, categories) and their consistency (duplicate rows, World rows against their parts, months against their year).',
  examples: `
  # check the bundled data, or your own files (folders, globs, - for stdin)
  $ korus-stats validate data/
  $ korus-stats validate 'downloads/census-*.csv' --strict

  # in CI: annotations on the pull request, or a JUnit report
  $ korus-stats validate data/ --format github
  $ korus-stats validate data/ --format junit > validate.xml

  # the CSV structure only (any CSV, no trade columns needed)
  $ korus-stats validate --structure export.csv`,
  notes: `
Every problem is counted, not only the first: file, line, column, header, a stable code, severity and a
message. Text and GitHub annotations list the first ${DEFAULT_LISTED} (--max-errors N to list more or fewer);
JSON and JUnit list every problem unless --max-errors is given. Exit 0 when valid, 1 when errors were found (or warnings, with --strict), 2 when it could not run.`,
};

const OUTPUT: flag.OutputSpec = { formats: REPORT_FORMATS, default: 'text', noun: 'report format' };

/** What `validate` is asked: its flags and arguments, parsed. */
export interface ValidateOptions {
  paths: string[];
  strict: boolean;
  maxErrors?: number;
  tolerance?: number;
  structure?: boolean;
  input: flag.InputOptions;
  output: flag.OutputOptions;
}

/** Flags of `validate`, as commander hands them over. */
type ValidateFlags = flag.InputFlags &
  flag.OutputFlags & { strict?: boolean; maxErrors?: number; tolerance?: number; structure?: boolean };

/** Registers `validate` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = command(program, 'validate', HELP)
    .argument(
      '[paths...]',
      'files, folders of .csv/.csv.gz, globs, or - for stdin (default: the bundled data/)',
    )
    .option('--strict', 'warnings fail the run too')
    .option(
      '--tolerance <share>',
      "how far a World row may differ from its parts: a fraction or a percentage (default 0.5%, or two units of the file's rounding if larger)",
      parseTolerance,
    )
    .option('--structure', 'check the CSV structure only, not the trade columns');
  flag.addOutputFlags(flag.addInputFlags(cmd), OUTPUT);
  cmd.option(
    '--max-errors <n>',
    `list at most N problems (default ${DEFAULT_LISTED} in text and github, all in json and junit; the counts stay complete)`,
    parsePositiveInt,
  );
  act(cmd, ctx, (paths: string[], flags: ValidateFlags) => {
    const output = flag.outputOptions(flags, OUTPUT);
    const { maxErrors, tolerance, structure } = flags;
    const input = flag.inputOptions(flags, ctx.io.env);
    return validate(
      { paths, strict: flags.strict === true, maxErrors, tolerance, structure, input, output },
      ctx,
    );
  });
}

/** Runs `validate`: every file's problems, counted and listed; returns the exit code. */
export async function validate(o: ValidateOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const options = {
    ...o.input.read,
    structureOnly: o.structure,
    catalog: await loadCategories(o.input.categories),
  };
  const given = [...o.paths, ...(o.input.data ?? [])];
  const inputs = await resolveInputs(given.length ? given : undefined, io.cwd, io.stdin, {
    recursive: o.input.recursive,
  });
  const { format } = o.output;
  const writer = problemWriter(format, io.stdout, chalkFor(io.stdout, io.env, o.output.color), o.strict);
  const human = format === 'text' || format === 'github';
  const tally = new ProblemTally(writer, o.maxErrors ?? (human ? DEFAULT_LISTED : undefined));
  const checker = new ConsistencyChecker(tally, o.tolerance);
  // What --data passed over (sub-folders, links to nothing) is said before the report, as in every command.
  printNotes(ctx, inputNotes(inputs.facts), o.output);
  const checks = { rows: checker, values: valueRules(options.catalog) };
  const caches = new SharedCaches(options, {});
  const files: FileSummary[] = [];
  const progress = o.output.quiet ? undefined : startProgress(io.stderr, totalSize(inputs));
  let done = 0;
  let rows = 0;
  // After each chunk read: the progress line, and the output written (waiting for a slow reader of it).
  const pace = (at: number, fileRows: number) => {
    progress?.update(done + at, rows + fileRows);
    return writer.flush();
  };
  try {
    for (const input of inputs) {
      for await (const one of workbookOrFile(input, options)) {
        const name = one.sheet?.name ?? one.input.name;
        writer.fileStart(name);
        const summary = await validateFile(one.input, options, caches, checks, tally, one.sheet, pace);
        writer.fileEnd(name);
        files.push(summary);
        rows += summary.rows;
        await writer.flush();
      }
      done += input.size ?? 0;
    }
    checker.finish();
  } finally {
    progress?.stop();
  }
  const report = tally.report(files, o.strict);
  await writer.end(report);
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (format === 'github' && summaryFile) await appendOutput(summaryFile, githubSummary(report));
  return report.valid ? 0 : 1;
}
