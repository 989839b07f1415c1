import { dirname, resolve } from 'node:path';
import { evaluateRules } from '../core/check.js';
import { loadCategories } from '../data/category-file.js';
import { parseRules } from '../data/rules-file.js';
import type { Note } from '../model/notes.js';
import { checkMarkdown, renderCheck } from '../output/check.js';
import { noteText } from '../output/notes.js';
import { safeMessage } from '../output/safe.js';
import { appendOutput } from './append-output.js';
import { measure, readRules, workspacePath } from './check-rules.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { answer } from './pipeline.js';
import { CHECK_OUTPUT, DEFAULT_RULES_FILE } from './specs.js';

/** What `check` is asked: its flags and argument, parsed. */
export interface CheckOptions {
  /** The rules file as given; undefined reads DEFAULT_RULES_FILE. */
  rulesFile?: string;
  input: flag.InputOptions;
  output: flag.OutputOptions;
}

/** Runs `check`: reads the rules, measures each with the share pipeline, renders; returns the exit code. */
export async function check(o: CheckOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const shown = o.rulesFile ?? DEFAULT_RULES_FILE;
  const path = resolve(io.cwd, shown);
  const rules = parseRules(await readRules(path, shown, o.rulesFile === undefined), shown);
  const catalog = await loadCategories(o.input.categories);
  const notes: Note[] = [];
  const measurements = await measure(ctx, rules, dirname(path), catalog, o.input, o.output.quiet, notes);
  const report = evaluateRules(rules, measurements);
  await answer(
    ctx,
    o.output,
    warningsOnce(notes),
    renderCheck(report, { annotationFile: workspacePath(io.cwd, path) }),
  );
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (o.output.format === 'github' && summary) {
    try {
      await appendOutput(resolve(io.cwd, summary), `${checkMarkdown(report)}\n`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      io.stderr.write(
        `korus-stats: warning: cannot append to $GITHUB_STEP_SUMMARY (${safeMessage(summary)}): ${code}\n`,
      );
    }
  }
  return report.failed === 0 ? 0 : 1;
}

/** The warnings, each said once: rules over the same data warn alike. */
function warningsOnce(notes: Note[]): Note[] {
  const seen = new Set<string>();
  return notes.filter((n) => n.level === 'warning' && !seen.has(noteText(n)) && seen.add(noteText(n)));
}

/** What the command does when run: its flags (and arguments) in, the exit code out. */
export const action =
  (ctx: Context) => (file: string | undefined, flags: flag.InputFlags & flag.OutputFlags) => {
    const output = flag.outputOptions(flags, CHECK_OUTPUT);
    return check({ rulesFile: file, input: flag.inputOptions(flags, ctx.io.env), output }, ctx);
  };
