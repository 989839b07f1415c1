import { resolveCategory } from '../catalog/categories.js';
import { ShareAccumulator } from '../core/share/index.js';
import { trendOf } from '../core/trend/index.js';
import { UsageError } from '../errors.js';
import type { TrendMeasure } from '../output/svg-trend.js';
import { renderTrend } from '../output/trend.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { partnerArg } from './partner-arg.js';
import { type AnalysisOptions, analyse } from './pipeline.js';
import { scopeOf } from './scope.js';
import { TREND_OUTPUT } from './specs.js';
import { trendYears } from './trend-range.js';
import { unknownCategory } from './unknown-category.js';

/** What `trend` is asked: its flags, parsed. */
export interface TrendOptions extends AnalysisOptions {
  category: string;
  partners: string[];
  from?: number;
  to?: number;
  top?: number;
  concentration: boolean;
  plot: TrendMeasure;
}

/** Flags of `trend`, as commander hands them over. */
type TrendFlags = flag.InputFlags &
  flag.SelectionFlags &
  flag.OutputFlags & {
    category: string;
    partner?: string[];
    from?: number;
    to?: number;
    top?: number;
    concentration?: boolean;
    plot: TrendMeasure;
  };

/** The options `trend`'s flags describe. */
export function trendOptions(flags: TrendFlags, env: NodeJS.ProcessEnv): TrendOptions {
  const output = flag.outputOptions(flags, TREND_OUTPUT);
  const { category, from, to, top, plot } = flags;
  if (from !== undefined && to !== undefined && from > to) {
    throw new UsageError(`--from ${from} is after --to ${to}`);
  }
  const input = flag.inputOptions(flags, env);
  const [partners, concentration, scope] = [
    flags.partner ?? [],
    flags.concentration === true,
    scopeOf(flags),
  ];
  return { category, partners, from, to, top, concentration, plot, input, scope, output };
}

/** Runs `trend`: reads the inputs once, computes each year, then the series; returns the exit code. */
export function trend(o: TrendOptions, ctx: Context): Promise<number> {
  return analyse(ctx, o, (catalog) => {
    const category = resolveCategory(o.category, catalog);
    const partners = o.partners.map((p) => partnerArg(p));
    const acc = new ShareAccumulator({ category, ...o.scope, dedupe: o.input.dedupe });
    const asked = { from: o.from, to: o.to, what: `${category.name} ${o.scope.flow}` };
    return {
      category,
      add: (row) => acc.add(row),
      result: (report) =>
        trendOf({
          category: category.name,
          ...o.scope,
          ...trendYears(acc, report, {
            ...asked,
            none: () => unknownCategory(o.category, category, catalog, report),
          }),
          partners,
          top: o.top,
          concentration: o.concentration,
        }),
      renderable: (result) =>
        renderTrend(result, { units: o.output.units, ascii: o.output.ascii, measure: o.plot }),
    };
  });
}

/** What the command does when run: its flags (and arguments) in, the exit code out. */
export const action = (ctx: Context) => (flags: TrendFlags) => trend(trendOptions(flags, ctx.io.env), ctx);
