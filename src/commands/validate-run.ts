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
import { githubSummary } from '../output/report.js';
import { problemWriter } from '../output/report-stream.js';
import { appendOutput } from './append-output.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { printNotes } from './pipeline.js';
import { DEFAULT_LISTED, VALIDATE_OUTPUT } from './specs.js';
import { ProblemTally } from './validate-tally.js';

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
  // `table` and `text` are one format: the report for people.
  const format = o.output.format === 'table' ? 'text' : o.output.format;
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

/** What the command does when run: its flags (and arguments) in, the exit code out. */
export const action = (ctx: Context) => (paths: string[], flags: ValidateFlags) => {
  const output = flag.outputOptions(flags, VALIDATE_OUTPUT);
  const { maxErrors, tolerance, structure } = flags;
  const input = flag.inputOptions(flags, ctx.io.env);
  return validate(
    { paths, strict: flags.strict === true, maxErrors, tolerance, structure, input, output },
    ctx,
  );
};
