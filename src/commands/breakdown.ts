import type { Command } from 'commander';
import { reporterCode } from '../catalog/partners.js';
import { BreakdownAccumulator, type BreakdownQuery } from '../core/breakdown/index.js';
import { loadCategories } from '../data/category-file.js';
import { resolveInputs } from '../data/inputs.js';
import { type Flow, type RowFilter, readNotes } from '../data/trade-rows.js';
import { UsageError } from '../errors.js';
import { renderBreakdown } from '../output/breakdown.js';
import { chalkFor } from '../output/color.js';
import { FORMATS, type Format } from '../output/render.js';
import {
  addInputFlags,
  addOutputFlags,
  addSelectionFlags,
  type InputFlags,
  type OutputFlags,
  outputFormat,
  parseYearFlag,
  partnerArg,
  printNotes,
  readInputs,
  readOptions,
} from './common.js';
import type { Context } from './context.js';

/** Flags of `breakdown`, as commander hands them over. */
export interface BreakdownFlags extends InputFlags, OutputFlags {
  partner: string;
  year?: number;
  flow: Flow;
  reporter?: string;
  source?: string;
}

const EXAMPLES = `
Examples:
  # what China shipped to the US in 2016, category by category (bundled data)
  $ korus-stats breakdown --partner CN --year 2016

  # the latest year with figures for the partner (said on stderr)
  $ korus-stats breakdown --partner "Korea, South"

  # your own HS-coded file, with extra categories, as JSON (shape: schemas/breakdown.schema.json)
  $ korus-stats breakdown --data imports.csv --partner KR --categories my-categories.json --json

  # CSV with raw numbers, or a Markdown table for a report
  $ korus-stats breakdown --partner VN --year 2016 --format csv
  $ korus-stats breakdown --partner VN --year 2016 --format markdown

Categories are those of the catalog (see \`korus-stats categories\`, and --categories) and the labels in the
data's category column. A row with a label is in that label's category; a row with an HS code is in every
catalog category one of whose prefixes it starts with, so categories can overlap (apparel, HS 61-62, is
within textiles-and-apparel, HS 50-63). "Share of <partner>" divides by the partner's total over the
top-level categories only: a category within another listed one is shown (marked "within ...") but not
added, so nothing counts twice and the listed shares can add to more than 100% (the footer says how much).
"Share of category" is the partner's share of the category's total, as \`share\` computes it. Categories
without a figure for the partner in the year are left out and counted in a note.
`;

/** Registers `breakdown` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = program
    .command('breakdown')
    .summary('what one partner ships, category by category: values, shares and ranks')
    .description(
      "What one partner ships across product categories in a year (OTEXA's country report): for each category, the partner's value, the category's share of the partner's total, the partner's share and rank in the category's total, and the previous year's value and change where the data has them.",
    )
    .requiredOption(
      '-p, --partner <partner>',
      'the partner: ISO alpha-2 or -3 (KR, KOR), UN M49 (410), Census code (5800) or a name',
    )
    .option(
      '-y, --year <year>',
      'year (default: the latest year with figures for the partner)',
      parseYearFlag,
    );
  addSelectionFlags(cmd);
  addInputFlags(cmd);
  addOutputFlags(cmd);
  cmd.addHelpText('after', EXAMPLES);
  cmd.action(async (flags: BreakdownFlags) => {
    ctx.exitCode = await runBreakdown(flags, ctx);
  });
}

/** Runs `breakdown`: reads the inputs once, computes, renders to stdout, prints notes to stderr; returns the exit code. */
export async function runBreakdown(flags: BreakdownFlags, ctx: Context): Promise<number> {
  const { io } = ctx;
  const format = tableFormat(outputFormat(flags));
  const options = readOptions(flags, io.env);
  const catalog = await loadCategories(flags.categories);
  const query: BreakdownQuery = {
    partner: partnerArg(flags.partner),
    year: flags.year,
    flow: flags.flow,
    reporter: flags.reporter ? reporterCode(flags.reporter) : undefined,
    source: flags.source,
    catalog,
  };
  const inputs = await resolveInputs(flags.data, io.cwd, io.stdin);
  const acc = new BreakdownAccumulator(query);
  // No category filter: every category is wanted, and the accumulator sends each row to those it is in.
  const filter: RowFilter = { flow: query.flow, reporter: query.reporter, source: query.source };
  const report = await readInputs(ctx, inputs, options, filter, (row) => acc.add(row), flags.quiet);
  const result = acc.result(report);
  result.notes.push(...readNotes(report));
  printNotes(ctx, result.notes, flags);
  io.stdout.write(renderBreakdown(result, format, chalkFor(io.stdout, io.env, flags.color), flags.units));
  return 0;
}

/** The formats breakdown offers (no chart: a breakdown's categories overlap, so bars of them would mislead). */
function tableFormat(format: string): Format {
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`breakdown has no ${format} output`, `use one of ${FORMATS.join(', ')}`);
  }
  return format as Format;
}
