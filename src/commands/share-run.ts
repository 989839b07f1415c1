import { resolveCategory } from '../catalog/categories.js';
import { type PeriodKind, SeveralReporters, ShareAccumulator, type ShareQuery } from '../core/share/index.js';
import { UsageError } from '../errors.js';
import { renderShare } from '../output/share.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { partnerArg } from './partner-arg.js';
import { type AnalysisOptions, analyse } from './pipeline.js';
import { scopeOf } from './scope.js';
import { SHARE_OUTPUT } from './specs.js';
import { unknownCategory } from './unknown-category.js';

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

/** The options `share`'s flags describe. */
export function shareOptions(flags: ShareFlags, env: NodeJS.ProcessEnv): ShareOptions {
  const output = flag.outputOptions(flags, SHARE_OUTPUT);
  const input = flag.inputOptions(flags, env);
  const { category, year, partner, top, by } = flags;
  const period = flags.ytd ? 'ytd' : flags.yearEnding ? 'year-ending' : 'year';
  return { category, year, partner, top, period, by, input, scope: scopeOf(flags), output };
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

/** What the command does when run: its flags (and arguments) in, the exit code out. */
export const action = (ctx: Context) => (flags: ShareFlags) => share(shareOptions(flags, ctx.io.env), ctx);
