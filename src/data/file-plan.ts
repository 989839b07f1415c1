// A file's plan: how to read its rows, decided once from its header and its source's profile. The pieces
// are beside it: which column holds each field (plan-columns), where the values are and in what unit
// (plan-value), the plan's shape (plan-types).
import { UsageError } from '../errors.js';
import { canonical } from '../sources/canonical.js';
import { type Field, type Measure, normName, type SourceProfile } from '../sources/types.js';
import { checkFlowRead, columnIndex, findEchoes, missingColumn } from './plan-columns.js';
import type { FilePlan, PlanInput, PlannedDimension } from './plan-types.js';
import { chooseValue, unitOf, wideCells } from './plan-value.js';

/** Column names of a hidden dimension that a file may split its figures by (ports, modes, second partners). */
const DIMENSION_LIKE =
  /^(port|port_code|district|district_code|partner2(_?code)?|2nd partner( code)?|second_partner(_code)?|mot(_?code)?|mode of transport( code)?|mode_of_transport(_code)?|customs(_?code|_proc_code| proc\. code)?|mos(_?code)?)$/;

const GENERIC_TOTALS: ReadonlySet<string> = new Set(['-', '0', '', 'TOTAL', 'ALL', 'WORLD', 'W00', 'C00']);

/** Decides how to read a file's rows from its header; throws InputError (file:line) when it cannot. */
export function planFile(header: string[], input: PlanInput): FilePlan {
  const { file, line, profile } = input;
  const names = header.map(normName);
  const { index, taken } = columnIndex(header, names, input);
  const facts = input.facts;
  const { constants, constantsFrom } = planConstants(header, index, input);

  // Values: one column (a measure), or one cell per year (or month) of a wide row.
  const wide = profile.wide ? wideCells(names, index.year !== undefined) : [];
  let valueCol = -1;
  let measure: Measure | undefined;
  if (!wide.length) {
    ({ valueCol, measure } = chooseValue(header, names, index, input));
    index.value = valueCol;
  }
  const echoes = findEchoes(header, names, index, file, line, profile.echoes === true);

  let directional: FilePlan['directional'];
  if (profile.directional) {
    const exporter = names.indexOf(normName(profile.directional.exporter));
    const importer = names.indexOf(normName(profile.directional.importer));
    if (exporter >= 0 && importer >= 0) directional = { exporter, importer };
  }

  const given = new Set<Field>(Object.keys(constants) as Field[]);
  const noPartner =
    index.partner === undefined && index.partner_code === undefined && index.partner_iso === undefined;
  const impliedWorld =
    noPartner && !directional && !given.has('partner') && profile.noPartnerColumn === 'world';
  const need: Field[] = [];
  if (!wide.length && index.year === undefined && index.period === undefined) need.push('year');
  if (noPartner && !directional && !impliedWorld && !given.has('partner')) need.push('partner');
  if (index.category === undefined && index.code === undefined && !given.has('category') && !input.checking)
    need.push('category');
  for (const field of need) {
    if (index[field] !== undefined) continue;
    throw missingColumn(field, header, file, line, profile);
  }

  // A column that names a flow must be read: else imports and exports would be added together.
  if (index.flow === undefined && constants.flow === undefined && !measure?.flow) {
    checkFlowRead(header, names, taken, input);
  }

  const dimensions = planDimensions(header, names, index, taken, profile);
  const { valueScale, unitFrom } = unitOf(header, valueCol, measure, input, wide.length > 0);
  return {
    profile,
    variant: input.variant,
    header,
    index,
    valueCol,
    wide,
    measure,
    echoes,
    valueScale,
    unitFrom,
    dimensions,
    constants,
    constantsFrom,
    impliedWorld,
    rowNames: input.rowNames === true,
    directional,
    allCommodities: facts?.allCommodities === true,
  };
}

/**
 * Values for the fields the file has no column for: the source's own, then what its title lines or
 * parameters say, then --set (which a column of the field contradicts).
 */
function planConstants(
  header: string[],
  index: Partial<Record<Field, number>>,
  input: PlanInput,
): Pick<FilePlan, 'constants' | 'constantsFrom'> {
  const { file, profile, facts } = input;
  const constants: Partial<Record<Field, string>> = {};
  const constantsFrom: Partial<Record<Field, string>> = {};
  const variantConstants = profile.constants?.(input.variant) ?? {};
  for (const [field, value] of Object.entries(variantConstants) as Array<[Field, string]>) {
    if (index[field] !== undefined) continue; // the file's own column wins over the source's
    constants[field] = value;
    constantsFrom[field] = profile.label;
  }
  for (const [field, value] of Object.entries(facts?.constants ?? {}) as Array<[Field, string]>) {
    if (index[field] !== undefined) continue;
    constants[field] = value;
    constantsFrom[field] = (facts?.said ?? []).join('; ') || 'the lines above the header';
  }
  for (const [field, value] of Object.entries(input.set) as Array<[Field, string]>) {
    if (index[field] !== undefined) {
      throw new UsageError(
        `--set ${field}=${value}: ${file} has a ${field} column ("${header[index[field] as number]}"); --set is for fields a file lacks`,
      );
    }
    constants[field] = value;
    constantsFrom[field] = `--set ${field}`;
  }
  return { constants, constantsFrom };
}

/** The hidden dimensions a file splits its figures by: its source's, or in a file no profile knows, any. */
function planDimensions(
  header: string[],
  names: string[],
  index: Partial<Record<Field, number>>,
  taken: Set<number>,
  profile: SourceProfile,
): PlannedDimension[] {
  const dimensions: PlannedDimension[] = [];
  for (const d of profile.dimensions ?? []) {
    const at = d.headers.map((h) => names.indexOf(normName(h))).find((i) => i !== -1);
    if (at === undefined) continue;
    dimensions.push({
      column: at,
      label: d.label,
      header: header[at] ?? '',
      totals: new Set(d.totals.map((t) => t.toUpperCase())),
    });
    taken.add(at);
  }
  // In a file no profile knows, a column that splits figures by a dimension (a port, a mode of transport):
  // its total rows are used as for a source's own dimensions, "-", "0", "" or "Total" marking them.
  names.forEach((n, at) => {
    if (
      profile !== canonical ||
      taken.has(at) ||
      Object.values(index).includes(at) ||
      !DIMENSION_LIKE.test(n)
    )
      return;
    dimensions.push({
      column: at,
      label: header[at]?.trim() ?? n,
      header: header[at] ?? '',
      totals: GENERIC_TOTALS,
    });
  });
  return dimensions;
}
