import { type Command, Option } from 'commander';
import { actLazy, type CommandHelp, command, GROUPS } from './command.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { BALANCE_OUTPUT } from './specs.js';
import { parseYearFlag } from './values.js';

const HELP: CommandHelp = {
  summary: 'exports minus imports: the trade balance by partner, by category or over years',
  description:
    "The merchandise trade balance (exports minus imports) for a reporter: by partner in a category and year (largest deficits first), one partner's balance category by category (--by category), or over a range of years (--by year). Each row gives both flows' values, the balance, the coverage ratio (exports / imports) and the relative balance ((X - M) / (X + M)); by category, each category's part of the partner's total balance. The footer names each flow's value basis.",
  examples: `
  # the US goods balance with South Korea in 2017 (bundled USITC data), and sector by sector
  $ korus-stats balance --partner KR --year 2017
  $ korus-stats balance --partner KR --year 2017 --by category

  # the balance with Korea over the years, with its direction in words
  $ korus-stats balance --partner KR --by year

  # partners by balance in one category, largest deficits first; JSON (schemas/balance.schema.json)
  $ korus-stats balance --data trade.csv --category autos --year 2017 --json`,
  notes: `
US official practice, which the bundled data follows: total exports (f.a.s.) minus general imports (customs
value); the footer says which basis each flow's rows state. A partner, category or year with a figure for
one flow only is shown with "–" for the other and no balance: a missing flow is never read as 0. The data is
read once per flow (a BACI-style file gives each flow by swapping exporter and importer), so standard input
cannot be used: save it to a file. Years: by partner and by category, the latest year with both flows.`,
};

/** Registers `balance` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = command(program, 'balance', HELP)
    .option(
      '-p, --partner <partner>',
      'the partner: ISO alpha-2 or -3 (KR, KOR), UN M49 (410), Census code (5800) or a name',
    )
    .addOption(
      new Option(
        '--by <rows>',
        'rows of partners (default), of the partner\'s categories ("category", needs --partner), or of years ("year")',
      ).choices(['partner', 'category', 'year']),
    )
    .option(
      '-c, --category <name>',
      'product category, by partner and by year (see `korus-stats categories`)',
      'all-commodities',
    )
    .option('-y, --year <year>', 'year (default: the latest with both exports and imports)', parseYearFlag)
    .option('--from <year>', 'by year: first year (default: the first in the data)', parseYearFlag)
    .option('--to <year>', 'by year: last year (default: the last in the data)', parseYearFlag)
    .optionsGroup(GROUPS.question)
    .option('--reporter <country>', 'reporting country, when the data holds several')
    .option('--source <name>', 'use only rows whose source column is this, when the data mixes sources');
  flag.addOutputFlags(flag.addInputFlags(cmd), BALANCE_OUTPUT);
  actLazy(cmd, ctx, () => import('./balance-run.js'));
}
