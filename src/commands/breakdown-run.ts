import { BreakdownAccumulator } from '../core/breakdown/index.js';
import { renderBreakdown } from '../output/breakdown.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { partnerArg } from './partner-arg.js';
import { type AnalysisOptions, analyse } from './pipeline.js';
import { scopeOf } from './scope.js';
import { BREAKDOWN_OUTPUT } from './specs.js';

/** What `breakdown` is asked: its flags, parsed. */
export interface BreakdownOptions extends AnalysisOptions {
  partner: string;
  year?: number;
}

/** Flags of `breakdown`, as commander hands them over. */
type BreakdownFlags = flag.InputFlags &
  flag.SelectionFlags &
  flag.OutputFlags & { partner: string; year?: number };

/** The options `breakdown`'s flags describe. */
export function breakdownOptions(flags: BreakdownFlags, env: NodeJS.ProcessEnv): BreakdownOptions {
  const output = flag.outputOptions(flags, BREAKDOWN_OUTPUT);
  const input = flag.inputOptions(flags, env);
  return { partner: flags.partner, year: flags.year, input, scope: scopeOf(flags), output };
}

/** Runs `breakdown`: one partner's value, share and rank in every category; returns the exit code. */
export function breakdown(o: BreakdownOptions, ctx: Context): Promise<number> {
  return analyse(ctx, o, (catalog) => {
    const acc = new BreakdownAccumulator({
      partner: partnerArg(o.partner),
      year: o.year,
      ...o.scope,
      catalog,
      dedupe: o.input.dedupe,
    });
    // No category: every category is wanted, and the accumulator sends each row to those it is in.
    return {
      add: (row) => acc.add(row),
      result: (report) => acc.result(report),
      renderable: (result) => renderBreakdown(result, o.output.units),
    };
  });
}

/** What the command does when run: its flags (and arguments) in, the exit code out. */
export const action = (ctx: Context) => (flags: BreakdownFlags) =>
  breakdown(breakdownOptions(flags, ctx.io.env), ctx);
