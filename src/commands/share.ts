import { type Command, Option } from 'commander';
import { resolveCategory } from '../catalog/categories.js';
import { reporterCode } from '../catalog/partners.js';
import {
  SeveralReporters,
  ShareAccumulator,
  type ShareQuery,
  type ShareResult,
} from '../core/share/index.js';
import { loadCategories } from '../data/category-file.js';
import { resolveInputs } from '../data/inputs.js';
import { type Flow, type RowFilter, readNotes } from '../data/trade-rows.js';
import { UsageError } from '../errors.js';
import { chalkFor } from '../output/color.js';
import { renderShare } from '../output/share.js';
import {
  addInputFlags,
  addOutputFlags,
  addSelectionFlags,
  type InputFlags,
  type OutputFlags,
  outputFormat,
  parsePositiveInt,
  parseYearFlag,
  partnerArg,
  printNotes,
  readInputs,
  readOptions,
  unknownCategory,
} from './common.js';
import type { Context } from './context.js';

/** Flags of `share`, as commander hands them over. */
export interface ShareFlags extends InputFlags, OutputFlags {
  category: string;
  year?: number;
  partner?: string;
  top?: number;
  ytd?: boolean;
  yearEnding?: boolean;
  flow: Flow;
  reporter?: string;
  source?: string;
  by?: 'partner' | 'reporter';
}

const EXAMPLES = `
Examples:
  # South Korea's share of US apparel imports in 2016 (bundled data)
  $ korus-stats share --category apparel --year 2016 --partner KR

  # top 5 partners, with the 2015 values and changes
  $ korus-stats share --category textiles-and-apparel --year 2016 --top 5

  # JSON for scripts (shape: schemas/share.schema.json)
  $ korus-stats share --category apparel --year 2016 --json | jq '.rows[] | {name, share}'

  # your own file, or a Census download piped in
  $ korus-stats share --data imports.csv --category footwear --columns value=GEN_VAL_YR,partner=CTY_NAME
  $ cat imports.csv | korus-stats share --data - --category steel --format csv

The total is a reported World/total row when the data has one (OTEXA's practice), else the sum of the
listed partners; the part of a reported total the partners do not cover is shown as "Not itemized".
Partners can be given as ISO codes (KR, KOR), UN M49 (410), Census codes (5800) or names ("Korea, South").
`;

/** Registers `share` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = program
    .command('share')
    .summary("each partner's value, share and rank in a category's imports")
    .description(
      "Each partner's value, share of the total and rank for one product category and year, with the previous year's value and the change where the data has it. The table's footer states the category definition, the value basis and the denominator used.",
    )
    .requiredOption('-c, --category <name>', 'product category (see `korus-stats categories`)')
    .option('-y, --year <year>', 'year (default: the latest year with data)', parseYearFlag)
    .option('-p, --partner <partner>', 'highlight this partner; it stays in the table even outside --top')
    .addOption(
      new Option(
        '--ytd',
        'January to the latest month with figures, against the same months a year before',
      ).conflicts('yearEnding'),
    )
    .option(
      '--year-ending',
      'the 12 months ending in the latest month with figures (OTEXA\'s "year ending"), against the 12 before',
    )
    .option(
      '-t, --top <n>',
      'show the top N partners and fold the rest into "other partners"',
      parsePositiveInt,
    )
    .addOption(
      new Option(
        '--by <what>',
        "rows of partners (default), or of reporters: several reporters' trade with --partner (who supplies China, as each exporter reports it)",
      ).choices(['partner', 'reporter']),
    );
  addSelectionFlags(cmd);
  addInputFlags(cmd);
  addOutputFlags(cmd, { svg: true });
  cmd.addHelpText('after', EXAMPLES);
  cmd.action(async (flags: ShareFlags) => {
    ctx.exitCode = await runShare(flags, ctx);
  });
}

/** Runs `share`: reads the inputs, computes, renders to stdout, prints notes to stderr; returns the exit code. */
export async function runShare(flags: ShareFlags, ctx: Context): Promise<number> {
  const { io } = ctx;
  const format = outputFormat(flags);
  const options = readOptions(flags, io.env);
  const catalog = await loadCategories(flags.categories);
  const category = resolveCategory(flags.category, catalog);
  const partner = flags.partner === undefined ? undefined : partnerArg(flags.partner);
  const query: ShareQuery = {
    category,
    year: flags.year,
    flow: flags.flow,
    reporter: flags.reporter ? reporterCode(flags.reporter) : undefined,
    source: flags.source,
    partner,
    top: flags.top,
    period: flags.ytd ? 'ytd' : flags.yearEnding ? 'year-ending' : 'year',
  };
  if (flags.by === 'reporter' && !partner) {
    throw new UsageError('--by reporter needs --partner: the partner whose trade each reporter reports');
  }
  query.by = flags.by ?? 'partner';
  query.dedupe = flags.dedupe;
  const inputs = await resolveInputs(flags.data, io.cwd, io.stdin);
  const acc = new ShareAccumulator(query);
  // Several reporters' trade with the one partner asked about is answered by reporter (when asked, or
  // when the data holds that partner only): the accumulator for it takes that partner's rows alone.
  const byReporter =
    query.by === 'partner' && partner && !query.reporter
      ? new ShareAccumulator({ ...query, by: 'reporter' })
      : undefined;
  const filter: RowFilter = { category, flow: query.flow, reporter: query.reporter, source: query.source };
  const report = await readInputs(
    ctx,
    inputs,
    options,
    filter,
    byReporter
      ? (row) => {
          acc.add(row);
          byReporter.add(row);
        }
      : (row) => acc.add(row),
    flags.quiet,
  );
  if (acc.yearsWithData().length === 0) throw unknownCategory(flags.category, category, catalog, report);
  let result: ShareResult;
  try {
    result = acc.result(report);
  } catch (err) {
    if (!(err instanceof SeveralReporters && byReporter && partner && acc.onlyPartnerIs(partner))) throw err;
    result = byReporter.result(report);
    result.notes.unshift({
      level: 'info',
      code: 'by-reporter',
      message: `the data holds ${err.reporters.length} reporters' trade with ${partner.name} only: the shares are of each reporter's ${query.flow} to ${partner.name} in their sum (as --by reporter)`,
    });
  }
  result.notes.push(...readNotes(report));
  printNotes(ctx, result.notes, flags);
  io.stdout.write(
    renderShare(result, format, chalkFor(io.stdout, io.env, flags.color), flags.units, flags.ascii),
  );
  return 0;
}
