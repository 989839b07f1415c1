import { type Command, Option } from 'commander';
import { resolveCategory } from '../catalog/categories.js';
import { reporterCode } from '../catalog/partners.js';
import { ShareAccumulator, type ShareQuery, type ShareResult, yearList } from '../core/share/index.js';
import { trendOf } from '../core/trend.js';
import { loadCategories } from '../data/category-file.js';
import { resolveInputs } from '../data/inputs.js';
import { type Flow, type RowFilter, readNotes } from '../data/trade-rows.js';
import { KorusError, UsageError } from '../errors.js';
import { chalkFor } from '../output/color.js';
import { TREND_MEASURES, type TrendMeasure } from '../output/svg-trend.js';
import { renderTrend } from '../output/trend.js';
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

/** Flags of `trend`, as commander hands them over. */
export interface TrendFlags extends InputFlags, OutputFlags {
  category: string;
  partner?: string[];
  from?: number;
  to?: number;
  top?: number;
  concentration?: boolean;
  plot: TrendMeasure;
  flow: Flow;
  reporter?: string;
  source?: string;
}

const EXAMPLES = `
Examples:
  # China's textiles and apparel imports, 2012-2016: values, shares, changes, CAGR and a verdict
  $ korus-stats trend --category textiles-and-apparel --partner CN --from 2012 --to 2016

  # the top 3 partners of the last year, and how concentrated supply was each year
  $ korus-stats trend --category textiles-and-apparel --top 3 --concentration

  # several partners, by any code or name
  $ korus-stats trend --category textiles-and-apparel --partner CN --partner Vietnam --partner 5330

  # JSON for scripts (shape: schemas/trend.schema.json)
  $ korus-stats trend --category textiles-and-apparel --json | jq '.series[] | {name, cagr, verdict}'

  # a line chart of the shares, to paste into a report
  $ korus-stats trend --category textiles-and-apparel --format svg --plot share > trend.svg

Years missing from the data, and partners a year does not list, are gaps (– in tables, null in JSON),
never zeros. The verdict counts the year-on-year share changes in the range: a change within ±0.05 pp
is flat; "rising"/"falling" when more than half go that way and so does the whole range; "flat" when the
whole range moves within ±0.05 pp; else "mixed". It names the value's direction too when that differs.
`;

/** Registers `trend` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = program
    .command('trend')
    .summary("partners' values and shares over the years: changes, CAGR and a verdict")
    .description(
      "For each partner and year: value, share of that year's total, rank and the change from the year before; over the range the compound annual growth rate, the change in share in percentage points, and a verdict in plain words computed from the year-on-year changes. Without --partner, the top partners of the last year in range.",
    )
    .requiredOption('-c, --category <name>', 'product category (see `korus-stats categories`)')
    .option(
      '-p, --partner <partner>',
      'follow this partner (repeatable); any code or name, as in share',
      collect,
    )
    .option('--from <year>', 'first year (default: the first year with data)', parseYearFlag)
    .option('--to <year>', 'last year (default: the last year with data)', parseYearFlag)
    .option(
      '-t, --top <n>',
      'follow the top N partners of the last year in range (default 5 when no --partner is given)',
      parsePositiveInt,
    )
    .option('--concentration', 'add the HHI, its band, top-1 and top-5 shares and the partner count per year')
    .addOption(
      new Option('--plot <what>', 'what the SVG chart plots (--format svg)')
        .choices(TREND_MEASURES)
        .default('value'),
    );
  addSelectionFlags(cmd);
  addInputFlags(cmd);
  addOutputFlags(cmd, { svg: true });
  cmd.addHelpText('after', EXAMPLES);
  cmd.action(async (flags: TrendFlags) => {
    ctx.exitCode = await runTrend(flags, ctx);
  });
}

/** Runs `trend`: reads the inputs once, computes each year, renders to stdout, notes to stderr; returns the exit code. */
export async function runTrend(flags: TrendFlags, ctx: Context): Promise<number> {
  const { io } = ctx;
  const format = outputFormat(flags);
  if (flags.from !== undefined && flags.to !== undefined && flags.from > flags.to) {
    throw new UsageError(`--from ${flags.from} is after --to ${flags.to}`);
  }
  const options = readOptions(flags, io.env);
  const catalog = await loadCategories(flags.categories);
  const category = resolveCategory(flags.category, catalog);
  const partners = (flags.partner ?? []).map((p) => partnerArg(p));
  const query: ShareQuery = {
    category,
    flow: flags.flow,
    reporter: flags.reporter ? reporterCode(flags.reporter) : undefined,
    source: flags.source,
  };
  const inputs = await resolveInputs(flags.data, io.cwd, io.stdin);
  const acc = new ShareAccumulator(query);
  const filter: RowFilter = { category, flow: query.flow, reporter: query.reporter, source: query.source };
  const report = await readInputs(ctx, inputs, options, filter, (row) => acc.add(row), flags.quiet);
  const years = acc.yearsWithData();
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) {
    throw unknownCategory(flags.category, category, catalog, report);
  }
  const from = flags.from ?? (flags.to !== undefined ? Math.min(first, flags.to) : first);
  const to = flags.to ?? (flags.from !== undefined ? Math.max(last, flags.from) : last);
  if (!years.some((y) => y >= from && y <= to)) {
    throw new KorusError(
      `no ${category.name} ${query.flow} data in ${from}-${to}`,
      2,
      `years with data: ${yearList(years)}`,
    );
  }
  // Every year with data, not only those in range: the year before the range gives the first change.
  const results = new Map<number, ShareResult>();
  const failed = new Map<number, string>();
  let firstError: KorusError | undefined;
  for (const y of years) {
    try {
      results.set(y, acc.result(report, y));
    } catch (err) {
      if (!(err instanceof KorusError)) throw err;
      failed.set(y, err.message);
      if (y >= from && y <= to) firstError ??= err;
    }
  }
  if (firstError && !years.some((y) => y >= from && y <= to && results.has(y))) throw firstError;
  const trend = trendOf({
    category: category.name,
    flow: query.flow,
    reporter: query.reporter,
    source: query.source,
    from,
    to,
    rangeChosen: {
      from: flags.from === undefined ? 'data' : 'given',
      to: flags.to === undefined ? 'data' : 'given',
    },
    results,
    failed,
    yearsWithData: years,
    partners,
    top: flags.top,
    concentration: flags.concentration === true,
  });
  trend.notes.push(...readNotes(report));
  printNotes(ctx, trend.notes, flags);
  io.stdout.write(
    renderTrend(trend, format, chalkFor(io.stdout, io.env, flags.color), {
      units: flags.units,
      ascii: flags.ascii === true,
      measure: flags.plot,
    }),
  );
  return 0;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
