import type { FileStats } from '../model/rows.js';
import type { Field } from '../sources/types.js';
import type { FoundHeader } from './header-search.js';

/** What the report says of one file once its header is read: its profile, columns, unit and constants. */
export function newFileStats(
  name: string,
  found: FoundHeader,
  encoding: string,
  sheet: string | undefined,
): FileStats {
  const plan = found.plan;
  return {
    name,
    rows: 0,
    encoding,
    layout: plan.profile.name,
    variant: plan.variant,
    sheet,
    unit: plan.unitFrom,
    measure: plan.measure?.header ?? (plan.valueCol >= 0 ? (plan.header[plan.valueCol] ?? null) : null),
    columns: Object.fromEntries(
      Object.entries(plan.index)
        .filter(([, i]) => (i as number) >= 0)
        .map(([f, i]) => [f, plan.header[i as number] ?? '']),
    ) as FileStats['columns'],
    blankLines: [],
    blankRows: 0,
    blankRuns: [],
    headerLine: found.line,
    skippedLines: found.skippedLines,
    trailingEmpty: 0,
    footerLines: [],
    constants: Object.fromEntries(
      Object.entries(plan.constants).map(([f, v]) => [
        f,
        { value: v, from: plan.constantsFrom[f as Field] ?? '' },
      ]),
    ),
    impliedWorld: plan.impliedWorld,
    rowNames: plan.rowNames,
  };
}
