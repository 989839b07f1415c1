import { InputError } from '../errors.js';
import { listText } from '../model/caps.js';
import { canonical } from '../sources/canonical.js';
import { expectedHeaders } from '../sources/index.js';
import { FIELDS, type Field, normName, type SourceProfile } from '../sources/types.js';
import type { PlanInput } from './plan-types.js';

/** Column names that hold a trade flow: never left unread, or imports and exports would be added up. */
const FLOW_LIKE =
  /(^|[^a-z])(flow|regime|rgcode|rgdesc|trade ?type|import ?\/ ?export|수출입)([^a-z]|$)|^(rg_?code|rg_?desc|flowcode|flowdesc)$/;

/**
 * Which column holds each field (but the value, chosen with the measures): --columns first, then the
 * profile's names for it, each column taken once; `taken` holds the columns mapped (and R's row names).
 */
export function columnIndex(
  header: string[],
  names: string[],
  input: PlanInput,
): { index: Partial<Record<Field, number>>; taken: Set<number> } {
  const { file, line, profile, overrides } = input;
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
          `the header has: ${listText(header)}`,
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
  return { index, taken };
}

/** Refuses a column not read that names a flow (the file has no flow read otherwise). */
export function checkFlowRead(header: string[], names: string[], taken: Set<number>, input: PlanInput): void {
  const { file, line, profile } = input;
  const at = names.findIndex((n, i) => !taken.has(i) && FLOW_LIKE.test(n));
  if (at === -1) return;
  throw new InputError(
    { file, line, column: at + 1 },
    `column "${header[at]}" looks like a trade flow, but ${profile.name === 'canonical' ? 'no profile reads it' : `the ${profile.label} profile does not read it`}: reading on would add imports and exports together`,
    `name it with --columns flow="${header[at]}", or give the flow of every row with --set flow=imports`,
    'unread-flow',
  );
}

/**
 * Columns that repeat a mapped column's name: echoes when the source writes such copies (each row must hold
 * the same in both), else an error, since which holds the field cannot be told.
 */
export function findEchoes(
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

/** The error for a field the header has no column for, naming the headers looked for and how to name one. */
export function missingColumn(
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
  const hints: string[] = [`the header has: ${listText(header)}`];
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
