// The errors a data row can raise, worded once: kept out of the row decoding, which runs once per row and
// stays small for the engine to inline.
import { InputError, type Location } from '../errors.js';
import { explainBadNumber, type NumberFormat } from './numbers.js';

/** A row whose width is not the header's. */
export function raggedRow(file: string, line: number, count: number, width: number): InputError {
  return new InputError(
    { file, line, column: Math.min(count, width) + 1 },
    `row has ${count} field${count === 1 ? '' : 's'}, the header has ${width}`,
    count > width
      ? 'an unquoted comma inside a value (a thousands separator, "Korea, South") splits it in two: quote the value'
      : count === 1
        ? 'a note or footnote line inside or below the table? remove it'
        : undefined,
    'ragged-row',
  );
}

/** A column that repeats a mapped column's header (of column a) but not its cell (column b). */
export function echoMismatch(
  file: string,
  line: number,
  a: number,
  b: number,
  header: string,
  first: string,
  copy: string,
): InputError {
  return new InputError(
    { file, line, column: b + 1 },
    `column ${b + 1} repeats the header "${header}" of column ${a + 1} but holds ${JSON.stringify(copy)}, not ${JSON.stringify(first)}`,
    undefined,
    'echo-mismatch',
  );
}

/** A period cell that names no year. */
export function badPeriod(where: Location, text: string): InputError {
  return new InputError(
    where,
    `period ${JSON.stringify(text)} is not YYYY, YYYYMM or YYYY-MM`,
    undefined,
    'bad-year',
  );
}

/** A year cell that is no four-digit year. */
export function badYear(where: Location, text: string): InputError {
  return new InputError(
    where,
    `year ${JSON.stringify(text)} is not a four-digit year`,
    undefined,
    'bad-year',
  );
}

/** A flow cell (and flow text cell, when the file has one) that names no trade flow. */
export function badFlow(where: Location, flow: string, text: string | undefined): InputError {
  return new InputError(
    where,
    `flow ${JSON.stringify(flow)} is not a trade flow${text !== undefined ? ` (nor is ${JSON.stringify(text)})` : ''}`,
    'expected imports/exports, M/X/RM/RX (or FM, DX, MIP, MOP, XIP, XOP) or 1/2/3/4',
    'bad-flow',
  );
}

/** A row with no partner. */
export function emptyPartner(where: Location): InputError {
  return new InputError(where, 'partner is empty', undefined, 'empty-partner');
}

/** A month cell that is not 1 to 12 (or 52). */
export function badMonth(where: Location, text: string): InputError {
  return new InputError(
    where,
    `month ${JSON.stringify(text)} is not 1 to 12 (or 52, Comtrade's code for a whole year)`,
    undefined,
    'bad-month',
  );
}

/** A period cell whose month does not fit its year. */
export function badPeriodMonth(where: Location, text: string, year: number): InputError {
  return new InputError(
    where,
    `period ${JSON.stringify(text)} is not ${year}, ${year}MM or ${year}-MM`,
    undefined,
    'bad-month',
  );
}

/** A value cell that is no number, said with what it looks like. */
export function badNumber(where: Location, text: string, numbers: NumberFormat): InputError {
  const { detail, hint } = explainBadNumber(text, numbers);
  return new InputError(where, detail, hint, 'bad-number');
}
