import type { Command } from 'commander';
import { actLazy, type CommandHelp, command } from './command.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { CHECK_OUTPUT, DEFAULT_RULES_FILE } from './specs.js';

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

/** Registers `check` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = command(program, 'check', HELP).argument(
    '[rules-file]',
    `JSON rules file (default: ${DEFAULT_RULES_FILE})`,
  );
  flag.addOutputFlags(flag.addInputFlags(cmd), CHECK_OUTPUT);
  actLazy(cmd, ctx, () => import('./check-run.js'));
}
