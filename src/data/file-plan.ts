import type { Flow } from '../catalog/flows.js';
import { InputError, UsageError } from '../errors.js';
import { canonical } from '../sources/canonical.js';
import { monthOfColumn } from '../sources/dataweb.js';
import { expectedHeaders } from '../sources/index.js';
import {
  FIELDS,
  type Field,
  type Measure,
  normName,
  type SourceProfile,
  type WorkbookFacts,
} from '../sources/types.js';

/** Units a value column can be in, as powers of ten. */
export const UNITS: Readonly<Record<string, number>> = { usd: 0, thousand: 3, million: 6, billion: 9 };

/** The unit a column name or cell states (`value_usd_million`, `Import (US$ Thousand)`), if any. */
export function unitFromHeader(name: string): number | undefined {
  const n = normName(name);
  if (/(^|[^a-z])(billions?|bn)([^a-z]|$)/.test(n) || n.includes('십억')) return 9;
  if (/(^|[^a-z])(millions?|mn|mln)([^a-z]|$)/.test(n) || n.includes('백만')) return 6;
  if (/(^|[^a-z])(thousands?|000s?)([^a-z]|$)/.test(n) || n.includes('천')) return 3;
  return undefined;
}

/** The name of a power of ten as a unit ("million"). */
export function unitName(scale: number): string {
  return Object.keys(UNITS).find((u) => UNITS[u] === scale) ?? `10^${scale}`;
}

/** Fields a file can lack when `--set` (or its source) gives them one value for every row. */
export const SETTABLE: readonly Field[] = [
  'category',
  'reporter',
  'flow',
  'source',
  'basis',
  'definition',
  'partner',
];

/** Parses `--columns value=GEN_VAL_YR,partner=CTY_NAME` into a field-to-header map. */
export function parseColumnOverrides(text: string): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim().replace(/-/g, '_') as Field;
    const header = part.slice(eq + 1).trim();
    if (eq < 1 || !header || !FIELDS.includes(field)) {
      throw new UsageError(
        `--columns: "${part}" is not FIELD=HEADER`,
        `fields: ${FIELDS.join(', ')}; e.g. --columns value=GEN_VAL_YR,partner=CTY_NAME`,
      );
    }
    out[field] = header;
  }
  return out;
}

/** A hidden dimension's column in one file. */
export interface PlannedDimension {
  column: number;
  label: string;
  header: string;
  totals: ReadonlySet<string>;
}

/** A cell of a wide row that is a value: its column, and the year or month it is for. */
export interface WideCell {
  column: number;
  /** The year of a year column; 0 for a month column (the year is the row's). */
  year: number;
  /** The month of a month column, else 0. */
  month: number;
}

/** How to read one file's rows, decided once from its header (and its source's profile). */
export interface FilePlan {
  profile: SourceProfile;
  variant: string;
  header: string[];
  /** Where each field is (0-based). */
  index: Partial<Record<Field, number>>;
  /** The value column; -1 for a wide file (values in `wide`). */
  valueCol: number;
  wide: WideCell[];
  /** The value column's measure (its basis, flow and unit), when the source lists it. */
  measure?: Measure;
  /** Columns that repeat a mapped column (first, copy): every row must hold the same text in both. */
  echoes: Array<[number, number]>;
  /** Power of ten the values are in. */
  valueScale: number;
  /** How the unit was decided, for the output footer. */
  unitFrom: string;
  dimensions: PlannedDimension[];
  /** Values for fields the file lacks, from the source, its title lines or parameters, and --set. */
  constants: Partial<Record<Field, string>>;
  /** Where each constant came from, for notes ("the Query Parameters sheet: Country List: China"). */
  constantsFrom: Partial<Record<Field, string>>;
  /** The file has no partner column and none was set: every row is taken as World. */
  impliedWorld: boolean;
  /** The first column is R's row names (write.csv): not data. */
  rowNames: boolean;
  /** Exporter and importer columns of a directional source (BACI). */
  directional?: { exporter: number; importer: number };
  /** The query all commodities of one partner (a workbook's parameters): a "Total" footer is its total. */
  allCommodities: boolean;
}

/** What a plan is made from besides the header. */
export interface PlanInput {
  file: string;
  line: number;
  profile: SourceProfile;
  variant: string;
  overrides: Partial<Record<Field, string>>;
  /** --measure: a value column (or measure) by its header. */
  measure?: string;
  /** --unit. */
  unit?: string;
  /** --set values. */
  set: Partial<Record<Field, string>>;
  /** The flow the analysis asks for, to pick a per-flow value column (WITS Import or Export). */
  flow?: Flow;
  /** What the lines above the header (or a workbook's parameters sheet) say. */
  facts?: WorkbookFacts;
  /** The text of the lines above the header (OTEXA's "Data in Million $" sets the unit). */
  preambleText?: string;
  /** The header's first cell is R's row-names column. */
  rowNames?: boolean;
  /**
   * Checking, not answering (`validate`): a file without a category column is still checked (the analysis
   * needs --set category), and of several value measures with no default the first is checked.
   */
  checking?: boolean;
}

/** Column names that hold a trade flow: never left unread, or imports and exports would be added up. */
const FLOW_LIKE =
  /(^|[^a-z])(flow|regime|rgcode|rgdesc|trade ?type|import ?\/ ?export|수출입)([^a-z]|$)|^(rg_?code|rg_?desc|flowcode|flowdesc)$/;

/** Column names of a hidden dimension that a file may split its figures by (ports, modes, second partners). */
const DIMENSION_LIKE =
  /^(port|port_code|district|district_code|partner2(_?code)?|2nd partner( code)?|second_partner(_code)?|mot(_?code)?|mode of transport( code)?|mode_of_transport(_code)?|customs(_?code|_proc_code| proc\. code)?|mos(_?code)?)$/;

/** Decides how to read a file's rows from its header; throws InputError (file:line) when it cannot. */
export function planFile(header: string[], input: PlanInput): FilePlan {
  const { file, line, profile, overrides } = input;
  const names = header.map(normName);
  const index: Partial<Record<Field, number>> = {};
  const taken = new Set<number>();
  if (input.rowNames) taken.add(0);
  for (const field of FIELDS) {
    const wanted = overrides[field];
    if (wanted !== undefined) {
      const at = names.indexOf(normName(wanted));
      if (at === -1) {
        throw new InputError(
          { file, line },
          `--columns ${field}=${wanted}: no such column`,
          `the header has: ${header.join(', ')}`,
        );
      }
      index[field] = at;
      taken.add(at);
      continue;
    }
    if (field === 'value') continue; // the value column is chosen with the measures below
    for (const alias of profile.columns[field] ?? []) {
      const at = names.indexOf(normName(alias));
      if (at !== -1 && !taken.has(at)) {
        index[field] = at;
        taken.add(at);
        break;
      }
    }
  }
  // A flow named only in words (a cut-down legacy Comtrade file: "Trade Flow" without its code column).
  if (index.flow === undefined && index.flow_text !== undefined && overrides.flow === undefined) {
    index.flow = index.flow_text;
    delete index.flow_text;
  }
  const facts = input.facts;
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
  const impliedWorld =
    index.partner === undefined &&
    index.partner_code === undefined &&
    index.partner_iso === undefined &&
    !directional &&
    !given.has('partner') &&
    profile.noPartnerColumn === 'world';
  const need: Field[] = [];
  if (!wide.length && index.year === undefined && index.period === undefined) need.push('year');
  const noPartner =
    index.partner === undefined && index.partner_code === undefined && index.partner_iso === undefined;
  if (noPartner && !directional && !impliedWorld && !given.has('partner')) need.push('partner');
  if (index.category === undefined && index.code === undefined && !given.has('category') && !input.checking)
    need.push('category');
  for (const field of need) {
    if (index[field] !== undefined) continue;
    throw missingColumn(field, header, file, line, profile);
  }

  // A column that names a flow must be read: else imports and exports would be added together.
  if (index.flow === undefined && constants.flow === undefined && !measure?.flow) {
    const at = names.findIndex((n, i) => !taken.has(i) && FLOW_LIKE.test(n));
    if (at !== -1) {
      throw new InputError(
        { file, line, column: at + 1 },
        `column "${header[at]}" looks like a trade flow, but ${profile.name === 'canonical' ? 'no profile reads it' : `the ${profile.label} profile does not read it`}: reading on would add imports and exports together`,
        `name it with --columns flow="${header[at]}", or give the flow of every row with --set flow=imports`,
        'unread-flow',
      );
    }
  }

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

const GENERIC_TOTALS: ReadonlySet<string> = new Set(['-', '0', '', 'TOTAL', 'ALL', 'WORLD', 'W00', 'C00']);

/** The value column: --columns value=, --measure, the source's default measure, or the only one. */
function chooseValue(
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
          : `the header has: ${header.join(', ')}`,
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

function presentMeasures(names: string[], profile: SourceProfile): Measure[] {
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

function wideCells(names: string[], hasYear: boolean): WideCell[] {
  if (hasYear) {
    const months = names.flatMap((n, column) => {
      const month = monthOfColumn(n);
      return month ? [{ column, year: 0, month }] : [];
    });
    if (months.length) return months;
  }
  return names.flatMap((n, column) => (/^\d{4}$/.test(n) ? [{ column, year: Number(n), month: 0 }] : []));
}

function unitOf(
  header: string[],
  valueCol: number,
  measure: Measure | undefined,
  input: PlanInput,
  isWide: boolean,
): { valueScale: number; unitFrom: string } {
  if (input.unit !== undefined)
    return { valueScale: UNITS[input.unit] ?? 0, unitFrom: `--unit ${input.unit}` };
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

function findEchoes(
  header: string[],
  names: string[],
  index: Partial<Record<Field, number>>,
  file: string,
  line: number,
  echoesAllowed: boolean,
): Array<[number, number]> {
  const echoes: Array<[number, number]> = [];
  for (const field of Object.keys(index) as Field[]) {
    const at = index[field] as number;
    const name = names[at] ?? '';
    const again = names.indexOf(name, at + 1);
    if (echoesAllowed && again !== -1 && names.indexOf(name) === at) {
      for (let i = again; i !== -1; i = names.indexOf(name, i + 1)) echoes.push([at, i]);
      continue;
    }
    if (again !== -1 || names.indexOf(name) !== at) {
      const cols = names.flatMap((n, i) => (n === name ? [i + 1] : []));
      throw new InputError(
        { file, line, column: cols[1] },
        `duplicate column "${header[at]}" (columns ${cols.join(' and ')}): cannot tell which holds the ${field}`,
        'rename one of them, or pick one with --columns',
      );
    }
  }
  return echoes;
}

function missingColumn(
  field: Field,
  header: string[],
  file: string,
  line: number,
  profile: SourceProfile,
): InputError {
  const names = (f: Field) => [
    ...(profile.columns[f] ?? []),
    ...(f === 'value' ? (profile.measures ?? []).map((m) => m.header) : []),
  ];
  const tried =
    field === 'category'
      ? [...names('category'), ...names('code')]
      : field === 'partner'
        ? [...names('partner'), ...names('partner_code'), ...names('partner_iso')]
        : names(field);
  const what = field === 'category' ? 'category or HS code' : field;
  const hints: string[] = [`the header has: ${header.join(', ')}`];
  if (profile === canonical) {
    hints.push(`no source profile recognised it; expected one of: ${expectedHeaders().join(' | ')}`);
  }
  hints.push(
    `name the column with --columns ${field}=HEADER${field === 'category' ? ', or give the one category of the whole file with --set category=NAME' : field === 'partner' ? ', or give the one partner of the whole file with --set partner=NAME' : ''}`,
  );
  return new InputError(
    { file, line },
    `no ${what} column${profile === canonical ? '' : ` in this ${profile.label} file`} (looked for: ${tried.join(', ') || 'none'})`,
    hints.join('; '),
    'missing-column',
  );
}

/** The unit a unit cell states as a power of ten, or undefined when it is not a money unit ("%", "kg"). */
export function unitOfCell(text: string): number | undefined {
  const t = text.trim();
  if (!/(us\$|usd|\$|dollar)/i.test(t) || /%/.test(t)) return undefined;
  return unitFromHeader(t) ?? 0;
}
