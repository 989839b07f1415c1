import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { evaluateRules } from '../core/check.js';
import { loadCategories } from '../data/category-file.js';
import { parseRules } from '../data/rules-file.js';
import type { Note } from '../model/notes.js';
import { CHECK_FORMATS, checkMarkdown, renderCheck } from '../output/check.js';
import { noteText } from '../output/notes.js';
import { safeMessage } from '../output/safe.js';
import { appendOutput } from './append-output.js';
import { DEFAULT_RULES_FILE, measure, readRules, workspacePath } from './check-rules.js';
import { act, type CommandHelp, command } from './command.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { answer } from './pipeline.js';

const HELP: CommandHelp = {
  summary: 'check named expectations (shares, totals, values, balances, rows, changes) from a rules file',
  description: `Checks the expectations in a rules file (default ${DEFAULT_RULES_FILE}) against the data: a partner's share, a category's total, a partner's presence, the rows of a year, a year-on-year change, a partner's value, a partner's trade balance. Prints each rule's measured value, its bounds and pass or fail; exits 1 when any rule fails.`,
  examples: `
  # the rules in ./korus-stats.checks.json, against the data they name (default: the bundled data/)
  $ korus-stats check

  # another rules file; the same rules against new data
  $ korus-stats check ci/figures.checks.json
  $ korus-stats check --data downloads/otexa-2024.csv

  # in GitHub Actions: an error annotation on each failed rule's line, and a job summary
  $ korus-stats check --format github

  # JUnit XML for GitLab, Jenkins or CircleCI; JSON for scripts (shape: schemas/check-output.schema.json)
  $ korus-stats check --format junit > check-results.xml
  $ korus-stats check --json | jq '.results[] | select(.status == "fail")'`,
  notes: `
A rules file (schema: schemas/checks.schema.json) lists named expectations, measured as \`share\` measures:
  {"rules": [{"name": "Korea under 1% of 2016 apparel", "type": "share", "category": "apparel",
              "year": 2016, "partner": "KR", "max": 0.01}]}
Types: share (min/max as fractions: 0.01 is 1%), total (US dollars), partner-present, rows (min rows read
for the year), change (year-on-year, a fraction), value (the partner's, US dollars), balance (the partner's
exports minus imports, as \`balance\` computes it, US dollars: a deficit is negative). Exit 0 when every
rule passes, 1 when one fails or cannot be measured, 2 when the rules file is missing or invalid.`,
};

const OUTPUT: flag.OutputSpec = { formats: CHECK_FORMATS, notes: true };

/** What `check` is asked: its flags and argument, parsed. */
export interface CheckOptions {
  /** The rules file as given; undefined reads DEFAULT_RULES_FILE. */
  rulesFile?: string;
  input: flag.InputOptions;
  output: flag.OutputOptions;
}

/** Registers `check` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = command(program, 'check', HELP).argument(
    '[rules-file]',
    `JSON rules file (default: ${DEFAULT_RULES_FILE})`,
  );
  flag.addOutputFlags(flag.addInputFlags(cmd), OUTPUT);
  act(cmd, ctx, (file: string | undefined, flags: flag.InputFlags & flag.OutputFlags) => {
    const output = flag.outputOptions(flags, OUTPUT);
    return check({ rulesFile: file, input: flag.inputOptions(flags, ctx.io.env), output }, ctx);
  });
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
