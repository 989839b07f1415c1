import { type Command, Option } from 'commander';
import { TREND_MEASURES } from '../output/formats.js';
import { actLazy, type CommandHelp, command, requiredFlag } from './command.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { TREND_OUTPUT } from './specs.js';
import { collect, parsePositiveInt, parseYearFlag } from './values.js';

const HELP: CommandHelp = {
  summary: "partners' values and shares over the years: changes, CAGR and a verdict",
  description:
    "For each partner and year: value, share of that year's total, rank and the change from the year before; over the range the compound annual growth rate, the change in share in percentage points, and a verdict in plain words computed from the year-on-year changes. Without --partner, the top partners of the last year in range.",
  examples: `
  # China's textiles and apparel imports, 2012-2016: values, shares, changes, CAGR and a verdict
  $ korus-stats trend --category textiles-and-apparel --partner CN --from 2012 --to 2016

  # the top 3 partners of the last year, and how concentrated supply was each year
  $ korus-stats trend --category textiles-and-apparel --top 3 --concentration

  # several partners, by any code or name
  $ korus-stats trend --category textiles-and-apparel --partner CN --partner Vietnam --partner 5330

  # JSON for scripts (shape: schemas/trend.schema.json)
  $ korus-stats trend --category textiles-and-apparel --json | jq '.series[] | {name, cagr, verdict}'

  # a line chart of the shares, to paste into a report
  $ korus-stats trend --category textiles-and-apparel --format svg --plot share > trend.svg`,
  notes: `
Years missing from the data, and partners a year does not list, are gaps (– in tables, null in JSON),
never zeros. The verdict counts the year-on-year share changes in the range: a change within ±0.05 pp
is flat; "rising"/"falling" when more than half go that way and so does the whole range; "flat" when the
whole range moves within ±0.05 pp; else "mixed". It names the value's direction too when that differs.`,
};

/** Registers `trend` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = requiredFlag(
    command(program, 'trend', HELP),
    '-c, --category <name>',
    'product category (see `korus-stats categories`)',
  )
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
  flag.addOutputFlags(flag.addInputFlags(flag.addSelectionFlags(cmd)), TREND_OUTPUT);
  // share's --year here: said with what trend takes instead, not as an unknown flag.
  cmd.addOption(new Option('-y, --year <year>').hideHelp());
  cmd.hook('preAction', (self) => {
    const year = self.opts().year;
    if (year !== undefined) {
      self.error(
        `error: trend covers a range of years: --from ${year} --to ${year}, not --year (share --year ${year} gives one year's table)`,
        { code: 'commander.unknownOption' },
      );
    }
  });
  actLazy(cmd, ctx, () => import('./trend-run.js'));
}
