import type { Command } from 'commander';
import { actLazy, type CommandHelp, command } from './command.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { DEFAULT_LISTED, VALIDATE_OUTPUT } from './specs.js';
import { parsePositiveInt, parseTolerance } from './values.js';

const HELP: CommandHelp = {
  summary: 'check trade data files and report every problem (for CI)',
  description:
    'Checks trade CSV files: their structure (header, blank rows, missing and extra cells, quotes, encoding), each value (years, numbers, HS codes, partners, categories) and their consistency (duplicate rows, World rows against their parts, months against their year).',
  examples: `
  # check the bundled data, or your own files (folders, patterns, - for stdin)
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

/** Registers `validate` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = command(program, 'validate', HELP)
    .argument(
      '[paths...]',
      "files, folders (their .csv, .json, .xlsx), quoted patterns ('dir/**/*.csv'), or - for stdin (default: the bundled data/)",
    )
    .option('--strict', 'warnings fail the run too')
    .option(
      '--tolerance <share>',
      "how far a World row may differ from its parts: a fraction or a percentage (default 0.5%, or two units of the file's rounding if larger)",
      parseTolerance,
    )
    .option('--structure', 'check the CSV structure only, not the trade columns');
  flag.addOutputFlags(flag.addInputFlags(cmd), VALIDATE_OUTPUT);
  cmd.option(
    '--max-errors <n>',
    `list at most N problems (default ${DEFAULT_LISTED} in text and github, all in json and junit; the counts stay complete)`,
    parsePositiveInt,
  );
  actLazy(cmd, ctx, () => import('./validate-run.js'));
}
