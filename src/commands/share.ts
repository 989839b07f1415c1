import { type Command, Option } from 'commander';
import { resolveCategory } from '../catalog/categories.js';
import { type PeriodKind, SeveralReporters, ShareAccumulator, type ShareQuery } from '../core/share/index.js';
import { UsageError } from '../errors.js';
import { renderShare, SHARE_FORMATS } from '../output/share.js';
import { act, type CommandHelp, command } from './command.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { type AnalysisOptions, analyse } from './pipeline.js';
import { unknownCategory } from './unknown-category.js';
import { parsePositiveInt, parseYearFlag, partnerArg } from './values.js';

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

const OUTPUT: flag.OutputSpec = { formats: SHARE_FORMATS, tables: true, notes: true };

/** What `share` is asked: its flags, parsed. */
export interface ShareOptions extends AnalysisOptions {
  category: string;
  year?: number;
  partner?: string;
  top?: number;
  period: PeriodKind;
  by?: 'partner' | 'reporter';
}

/** Flags of `share`, as commander hands them over. */
type ShareFlags = flag.InputFlags &
  flag.SelectionFlags &
  flag.OutputFlags & {
    category: string;
    year?: number;
    partner?: string;
    top?: number;
    ytd?: boolean;
    yearEnding?: boolean;
    by?: 'partner' | 'reporter';
  };

/** Registers `share` on the program. */
export function register(program: Command, ctx: Context): void {
  const cmd = command(program, 'share', HELP)
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
  flag.addOutputFlags(flag.addInputFlags(flag.addSelectionFlags(cmd)), OUTPUT);
  act(cmd, ctx, (flags: ShareFlags) => share(shareOptions(flags, ctx.io.env), ctx));
}

/** The options `share`'s flags describe. */
export function shareOptions(flags: ShareFlags, env: NodeJS.ProcessEnv): ShareOptions {
  const output = flag.outputOptions(flags, OUTPUT);
  const input = flag.inputOptions(flags, env);
  const { category, year, partner, top, by } = flags;
  const period = flags.ytd ? 'ytd' : flags.yearEnding ? 'year-ending' : 'year';
  return { category, year, partner, top, period, by, input, scope: flag.scopeOf(flags), output };
}

/** Runs `share`: each partner's value, share and rank in the category; returns the exit code. */
export function share(o: ShareOptions, ctx: Context): Promise<number> {
  return analyse(ctx, o, (catalog) => {
    const category = resolveCategory(o.category, catalog);
    const partner = o.partner === undefined ? undefined : partnerArg(o.partner);
    if (o.by === 'reporter' && !partner) {
      throw new UsageError('--by reporter needs --partner: the partner whose trade each reporter reports');
    }
    const { year, top, period } = o;
    const { dedupe } = o.input;
    const query: ShareQuery = {
      category,
      ...o.scope,
      year,
      partner,
      top,
      period,
      by: o.by ?? 'partner',
      dedupe,
    };
    const acc = new ShareAccumulator(query);
    // Several reporters' trade with the one partner asked about is answered by reporter (when asked, or
    // when the data holds that partner only): the accumulator for it takes that partner's rows alone.
    const byReporter =
      query.by === 'partner' && partner && !query.reporter
        ? new ShareAccumulator({ ...query, by: 'reporter' })
        : undefined;
    return {
      category,
      add: byReporter
        ? (row) => {
            acc.add(row);
            byReporter.add(row);
          }
        : (row) => acc.add(row),
      result: (report) => {
        if (acc.yearsWithData().length === 0) throw unknownCategory(o.category, category, catalog, report);
        try {
          return acc.result(report);
        } catch (err) {
          if (!(err instanceof SeveralReporters && byReporter && partner && acc.onlyPartnerIs(partner)))
            throw err;
          const result = byReporter.result(report);
          result.notes.unshift({
            level: 'info',
            code: 'by-reporter',
            facts: { reporters: err.reporters.length, partner: partner.name, flow: query.flow },
          });
          return result;
        }
      },
      renderable: (result) => renderShare(result, o.output.units, o.output.ascii),
    };
  });
}
