import { type Command, Option } from 'commander';
import { actLazy, type CommandHelp, command, requiredFlag } from './command.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { SHARE_OUTPUT } from './specs.js';
import { parsePositiveInt, parseYearFlag } from './values.js';

const HELP: CommandHelp = {
  summary: "each partner's value, share and rank in a category's imports",
  description:
    "Each partner's value, share of the total and rank for one product category and year, with the previous year's value and the change where the data has it. The table's footer states the category definition, the value basis and the denominator used.",
  examples: `
  # South Korea's share of US apparel imports in 2016 (bundled data)
  $ korus-stats share --category apparel --year 2016 --partner KR

  # top 5 partners, with the 2015 values and changes
  $ korus-stats share --category textiles-and-apparel --year 2016 --top 5

  # JSON for scripts (shape: schemas/share.schema.json)
  $ korus-stats share --category apparel --year 2016 --json | jq '.rows[] | {name, share}'

  # your own file, or a Census download piped in
  $ korus-stats share --data imports.csv --category footwear --columns value=GEN_VAL_YR,partner=CTY_NAME
  $ cat imports.csv | korus-stats share --data - --category steel --format csv`,
  notes: `
The total is a reported World/total row when the data has one (OTEXA's practice), else the sum of the
listed partners; the part of a reported total the partners do not cover is shown as "Not itemized".
Partners can be given as ISO codes (KR, KOR), UN M49 (410), Census codes (5800) or names ("Korea, South").`,
};

/** Registers `share` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = requiredFlag(
    command(program, 'share', HELP),
    '-c, --category <name>',
    'product category (see `korus-stats categories`)',
  )
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
  flag.addOutputFlags(flag.addInputFlags(flag.addSelectionFlags(cmd)), SHARE_OUTPUT);
  actLazy(cmd, ctx, () => import('./share-run.js'));
}
