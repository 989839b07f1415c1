import type { Command } from 'commander';
import { actLazy, type CommandHelp, command, requiredFlag } from './command.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { BREAKDOWN_OUTPUT } from './specs.js';
import { parseYearFlag } from './values.js';

const HELP: CommandHelp = {
  summary: 'what one partner ships, category by category: values, shares and ranks',
  description:
    "What one partner ships across product categories in a year (OTEXA's country report): for each category, the partner's value, the category's share of the partner's total, the partner's share and rank in the category's total, and the previous year's value and change where the data has them.",
  examples: `
  # what China shipped to the US in 2016, category by category (bundled data)
  $ korus-stats breakdown --partner CN --year 2016

  # the latest year with figures for the partner (said on stderr)
  $ korus-stats breakdown --partner "Korea, South"

  # your own HS-coded file, with extra categories, as JSON (shape: schemas/breakdown.schema.json)
  $ korus-stats breakdown --data imports.csv --partner KR --categories my-categories.json --json

  # CSV with raw numbers, or a Markdown table for a report
  $ korus-stats breakdown --partner VN --year 2016 --format csv
  $ korus-stats breakdown --partner VN --year 2016 --format markdown`,
  notes: `
Categories are those of the catalog (see \`korus-stats categories\`, and --categories) and the labels in the
data's category column. A row with a label is in that label's category; a row with an HS code is in every
catalog category one of whose prefixes it starts with, so categories can overlap (apparel, HS 61-62, is
within textiles-and-apparel, HS 50-63). "Share of <partner>" divides by the partner's total over the
top-level categories only: a category within another listed one is shown (marked "within ...") but not
added, so nothing counts twice and the listed shares can add to more than 100% (the footer says how much).
"Share of category" is the partner's share of the category's total, as \`share\` computes it. Categories
without a figure for the partner in the year are left out and counted in a note.`,
};

/** Registers `breakdown` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = requiredFlag(
    command(program, 'breakdown', HELP),
    '-p, --partner <partner>',
    'the partner: ISO alpha-2 or -3 (KR, KOR), UN M49 (410), Census code (5800) or a name',
  ).option(
    '-y, --year <year>',
    'year (default: the latest year with figures for the partner)',
    parseYearFlag,
  );
  flag.addOutputFlags(flag.addInputFlags(flag.addSelectionFlags(cmd)), BREAKDOWN_OUTPUT);
  actLazy(cmd, ctx, () => import('./breakdown-run.js'));
}
