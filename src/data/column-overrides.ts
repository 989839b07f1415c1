import { UsageError } from '../errors.js';
import { FIELDS, type Field } from '../sources/types.js';

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
