import { type CategoryDef, resolveCategory } from '../catalog/categories.js';
import { listedPartner, type Partner, partnerHint } from '../catalog/partners.js';
import {
  type BalanceBy,
  type BalanceResult,
  balanceByCategory,
  balanceByPartner,
  balanceByYear,
  commonYear,
  listedCode,
  type YearPair,
} from '../core/balance/index.js';
import { BreakdownAccumulator } from '../core/breakdown/index.js';
import { ShareAccumulator, yearList } from '../core/share/index.js';
import { loadCategories } from '../data/category-file.js';
import type { InputSource } from '../data/inputs.js';
import { readNotes } from '../data/read-notes.js';
import { resolveInputs } from '../data/resolve-inputs.js';
import { KorusError, UsageError } from '../errors.js';
import type { Note } from '../model/notes.js';
import type { ReadReport, TradeRow } from '../model/rows.js';
import { renderBalance } from '../output/balance.js';
import type { Context } from './context.js';
import * as flag from './options.js';
import { partnerArg } from './partner-arg.js';
import { answer, readRows, rowFilter } from './pipeline.js';
import { scopeOf } from './scope.js';
import { BALANCE_OUTPUT } from './specs.js';
import { unknownCategory } from './unknown-category.js';

/** The question's flags, as commander hands them over and as parsed (the same fields). */
interface BalanceQuestion {
  partner?: string;
  category: string;
  year?: number;
  from?: number;
  to?: number;
  reporter?: string;
  source?: string;
}

/** What `balance` is asked: its flags, parsed. */
export interface BalanceOptions extends BalanceQuestion {
  by: BalanceBy;
  input: flag.InputOptions;
  output: flag.OutputOptions;
}

type BalanceFlags = flag.InputFlags & flag.OutputFlags & BalanceQuestion & { by?: BalanceBy };

/** The options `balance`'s flags describe. */
export function balanceOptions(flags: BalanceFlags, env: NodeJS.ProcessEnv): BalanceOptions {
  const by = flags.by ?? 'partner';
  if (by === 'category' && !flags.partner) {
    throw new UsageError('--by category needs --partner: whose balance to split by category');
  }
  if (by !== 'year' && (flags.from !== undefined || flags.to !== undefined)) {
    throw new UsageError('--from and --to are for --by year', 'use --year for one year');
  }
  if (by === 'year' && flags.year !== undefined) {
    throw new UsageError('--by year lists a range of years: use --from and --to, not --year');
  }
  if (flags.from !== undefined && flags.to !== undefined && flags.from > flags.to) {
    throw new UsageError(`--from ${flags.from} is after --to ${flags.to}`);
  }
  return {
    by,
    partner: flags.partner,
    category: flags.category,
    year: flags.year,
    from: flags.from,
    to: flags.to,
    reporter: scopeOf({ flow: 'imports', reporter: flags.reporter }).reporter,
    source: flags.source,
    input: flag.inputOptions(flags, env),
    output: flag.outputOptions(flags, BALANCE_OUTPUT),
  };
}

/** One accumulator per flow, and the read that fed it. */
interface FlowRead<A> {
  acc: A;
  report: ReadReport;
}

/** Runs `balance`: exports minus imports by partner, category or year; returns the exit code. */
export async function balance(o: BalanceOptions, ctx: Context): Promise<number> {
  const { io } = ctx;
  const catalog = await loadCategories(o.input.categories);
  const inputs = await resolveInputs(o.input.data, io.cwd, io.stdin, { recursive: o.input.recursive });
  const once = inputs.find((i) => i.once);
  if (once) {
    throw new UsageError(
      `balance reads its inputs once for exports and once for imports, and ${once.name} can be read only once`,
      'save it to a file and pass the file with --data',
    );
  }
  const partner = o.partner === undefined ? undefined : partnerArg(o.partner);
  const reads: ReadReport[] = [];
  // Each flow read on its own, through the reader's own flow filter: a directional file (BACI's
  // exporter and importer columns) gives each flow's reporter and partner the right way round.
  const read = async <A extends { add(row: TradeRow): void }>(
    flow: 'exports' | 'imports',
    category: CategoryDef | undefined,
    make: () => A,
  ): Promise<FlowRead<A>> => {
    const acc = make();
    const scope = { flow, reporter: o.reporter, source: o.source };
    const report = await readRows(
      ctx,
      inputs as InputSource[],
      o.input.read,
      rowFilter(scope, category),
      (row) => acc.add(row),
      o.output.quiet,
    );
    reads.push(report);
    return { acc, report };
  };
  let result: BalanceResult;
  if (o.by === 'category') {
    const make = (flow: 'exports' | 'imports') => () =>
      new BreakdownAccumulator({
        partner: partner as Partner,
        flow,
        reporter: o.reporter,
        source: o.source,
        catalog,
        dedupe: o.input.dedupe,
      });
    const x = await read('exports', undefined, make('exports'));
    const m = await read('imports', undefined, make('imports'));
    const year = o.year ?? commonYear(x.acc.partnerYears(), m.acc.partnerYears(), 'any category');
    result = balanceByCategory(x.acc.result(x.report, year), m.acc.result(m.report, year));
  } else {
    const category = resolveCategory(o.category, catalog);
    const make = (flow: 'exports' | 'imports') => () =>
      new ShareAccumulator({
        category,
        flow,
        reporter: o.reporter,
        source: o.source,
        by: 'partner',
        dedupe: o.input.dedupe,
      });
    const x = await read('exports', category, make('exports'));
    const m = await read('imports', category, make('imports'));
    const xYears = x.acc.yearsWithData();
    const mYears = m.acc.yearsWithData();
    if (xYears.length === 0 && mYears.length === 0)
      throw unknownCategory(o.category, category, catalog, m.report);
    if (o.by === 'partner') {
      const year = o.year ?? commonYear(xYears, mYears, category.name);
      const xr = x.acc.result(x.report, year);
      const mr = m.acc.result(m.report, year);
      // The partner is highlighted, found in either flow's rows: a partner with one flow only is listed
      // without a balance, not refused.
      const code = partner && listedCode(partner, xr, mr);
      if (partner && !code) {
        const listed = [...xr.rows, ...mr.rows]
          .filter((r) => r.kind === 'partner' && r.code !== null)
          .map((r) => listedPartner(r.code as string, r.name));
        throw new KorusError(
          `${partner.kind === 'country' ? `${partner.name} (${partner.code})` : JSON.stringify(partner.name)} has no ${category.name} exports or imports row for ${year}`,
          2,
          partnerHint(
            partner,
            `partners listed for ${year}: ${[...new Set(listed.map((p) => p.code))].slice(0, 10).join(', ') || 'none'}`,
            listed,
          ),
        );
      }
      result = balanceByPartner(xr, mr, code);
    } else {
      const all = [...new Set([...xYears, ...mYears])].sort((a, b) => a - b);
      const from = o.from ?? (all[0] as number);
      const to = o.to ?? (all.at(-1) as number);
      const years = all.filter((y) => y >= from && y <= to);
      if (!years.length)
        throw new KorusError(
          `no ${category.name} exports or imports in ${from}-${to}`,
          2,
          `years with data: ${yearList(all)}`,
        );
      const answerOf = (acc: ShareAccumulator, report: ReadReport, year: number) => {
        try {
          return acc.result(report, year);
        } catch (err) {
          if (err instanceof KorusError) return err.message;
          throw err;
        }
      };
      const pairs: YearPair[] = years.map((year) => ({
        year,
        exports: answerOf(x.acc, x.report, year),
        imports: answerOf(m.acc, m.report, year),
        rows: {
          exports: { read: x.report.rowsRead, used: x.acc.rowsOfYear(year) },
          imports: { read: m.report.rowsRead, used: m.acc.rowsOfYear(year) },
        },
      }));
      const rows = pairs.flatMap((p) => [p.exports, p.imports]);
      const named =
        partner &&
        rows.flatMap((r) => (typeof r === 'string' ? [] : r.rows)).find((r) => r.code === partner.code);
      result = balanceByYear(pairs, partner && { code: partner.code, name: named?.name ?? partner.name }, {
        name: category.name,
        label: category.label,
      });
    }
  }
  if (o.year === undefined && o.by !== 'year') result.query.yearChosen = 'latest';
  await answer(ctx, o.output, [...result.notes, ...readOnce(reads)], renderBalance(result, o.output.units));
  return 0;
}

/** The reader's notes of both reads, each said once (the two reads meet the same files). */
function readOnce(reports: ReadReport[]): Note[] {
  const seen = new Set<string>();
  const out: Note[] = [];
  for (const r of reports) {
    for (const n of readNotes(r)) {
      const key = JSON.stringify(n);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(n);
    }
  }
  return out;
}

/** What the command does when run: its flags (and arguments) in, the exit code out. */
export const action = (ctx: Context) => (flags: BalanceFlags) =>
  balance(balanceOptions(flags, ctx.io.env), ctx);
