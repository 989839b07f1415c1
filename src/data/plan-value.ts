// Where a file's values are and in what unit: one value column (a measure) or the year and month cells of
// a wide row, and the power of ten they are in.
import type { Flow } from '../catalog/flows.js';
import { InputError } from '../errors.js';
import { listText } from '../model/caps.js';
import { canonical } from '../sources/canonical.js';
import { monthOfColumn } from '../sources/dataweb.js';
import { type Field, type Measure, normName, type SourceProfile } from '../sources/types.js';
import { missingColumn } from './plan-columns.js';
import type { PlanInput, WideCell } from './plan-types.js';
import { UNITS, unitFromHeader, unitName } from './units.js';

/** The value column: --columns value=, --measure, the source's default measure, or the only one. */
export function chooseValue(
  header: string[],
  names: string[],
  index: Partial<Record<Field, number>>,
  input: PlanInput,
): { valueCol: number; measure?: Measure } {
  const { file, line, profile } = input;
  const measureFor = (col: number): Measure | undefined =>
    profile.measures?.find((m) => normName(m.header) === names[col]);
  const given = input.overrides.value ?? input.measure;
  if (given !== undefined) {
    const col = index.value ?? names.indexOf(normName(given));
    if (col === -1) {
      // A missing column (the header may still be further down, past title lines).
      const present = presentMeasures(names, profile);
      throw new InputError(
        { file, line },
        `--${input.overrides.value !== undefined ? 'columns value=' : 'measure '}${given}: no such value column`,
        present.length
          ? `its value columns: ${present.map((m) => m.header).join(', ')}`
          : `the header has: ${listText(header)}`,
        'missing-column',
      );
    }
    return { valueCol: col, measure: measureFor(col) };
  }
  let present = presentMeasures(names, profile);
  if (!present.length && profile === canonical) present = inferredFlowMeasures(header);
  if (present.some((m) => m.flow)) {
    const flows = present.filter((m) => m.flow !== undefined);
    const wanted = input.flow ?? flows[0]?.flow;
    const match = flows.filter((m) => m.flow === wanted);
    if (!match.length) {
      throw new InputError(
        { file, line },
        `no ${wanted} value column: the file has ${flows.map((m) => `"${m.header}"`).join(', ')}`,
        `ask for ${flows.map((m) => m.flow).join(' or ')} with --flow`,
        'missing-column',
      );
    }
    present = match;
  }
  const defaults = present.filter((m) => m.default);
  const chosen = defaults[0] ?? (present.length === 1 || input.checking ? present[0] : undefined);
  if (chosen) return { valueCol: names.indexOf(normName(chosen.header)), measure: chosen };
  if (present.length > 1) {
    throw new InputError(
      { file, line },
      `the file has ${present.length} value measures and none is the default: ${present.map((m) => `${m.header} (${m.basis})`).join('; ')}`,
      `choose one with --measure ${present[0]?.header}`,
      'measure-required',
    );
  }
  // No listed measure: the source's (or canonical) value column names.
  const aliases = profile.columns.value ?? (profile === canonical ? [] : (canonical.columns.value ?? []));
  for (const alias of aliases) {
    const at = names.indexOf(normName(alias));
    if (at !== -1) return { valueCol: at };
  }
  throw missingColumn('value', header, file, line, profile);
}

/** The source's measures whose columns the file has. */
export function presentMeasures(names: string[], profile: SourceProfile): Measure[] {
  return (profile.measures ?? []).filter((m) => names.includes(normName(m.header)));
}

/** Import and export value columns side by side in a file no profile knows ("Import (US$)", "Exports"). */
function inferredFlowMeasures(header: string[]): Measure[] {
  const out: Measure[] = [];
  for (const h of header) {
    const n = normName(h);
    // English, and Korean (K-stat: 수입금액 import value, 수출금액 export value).
    const m = /^(imports?|exports?|수입|수출)(\s*(value|\(.*\)|us\$|usd|금액|액).*)?$/.exec(n);
    if (!m) continue;
    const flow: Flow = m[1]?.startsWith('import') || m[1] === '수입' ? 'imports' : 'exports';
    out.push({ header: h, basis: `${flow} (column "${h.trim()}")`, flow, default: true });
  }
  return out;
}

/** The value cells of a wide row: month columns beside a year column, else year columns. */
export function wideCells(names: string[], hasYear: boolean): WideCell[] {
  if (hasYear) {
    const months = names.flatMap((n, column) => {
      const month = monthOfColumn(n);
      return month ? [{ column, year: 0, month }] : [];
    });
    if (months.length) return months;
  }
  return names.flatMap((n, column) => (/^\d{4}$/.test(n) ? [{ column, year: Number(n), month: 0 }] : []));
}

/** The power of ten the values are in, and how that was decided: --unit, the measure, the header, the preamble. */
export function unitOf(
  header: string[],
  valueCol: number,
  measure: Measure | undefined,
  input: PlanInput,
  isWide: boolean,
): { valueScale: number; unitFrom: string } {
  if (input.unit !== undefined)
    return {
      valueScale: (Object.hasOwn(UNITS, input.unit) ? UNITS[input.unit] : 0) ?? 0,
      unitFrom: `--unit ${input.unit}`,
    };
  const name = valueCol >= 0 ? (header[valueCol] ?? '') : '';
  if (measure?.scale !== undefined)
    return {
      valueScale: measure.scale,
      unitFrom: `column "${name.trim()}" (${unitName(measure.scale)} US$)`,
    };
  const named = name ? unitFromHeader(name) : undefined;
  if (named !== undefined)
    return { valueScale: named, unitFrom: `column "${name.trim()}" (${unitName(named)} US$)` };
  if (input.facts?.scale !== undefined)
    return { valueScale: input.facts.scale, unitFrom: `the parameters (${unitName(input.facts.scale)} US$)` };
  const fromText = input.preambleText ? unitFromHeader(input.preambleText) : undefined;
  if (fromText !== undefined)
    return { valueScale: fromText, unitFrom: `the lines above the header (${unitName(fromText)} US$)` };
  return {
    valueScale: 0,
    unitFrom: isWide ? 'year columns taken as US dollars' : `column "${name.trim()}" taken as US dollars`,
  };
}
