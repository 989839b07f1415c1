// validate's checks of the CSV structure: header cells, and each row's width against the header's.
import type { InputError } from '../errors.js';
import type { ProblemCode } from '../model/codes.js';
import type { FieldReader } from './field-cache.js';
import type { ProblemAt, Tally } from './validate-checks.js';

/** Header cells that are empty or repeat an earlier one's name (R's row-names cell has no name). */
export function checkHeaderCells(
  fields: string[],
  line: number,
  rowNames: boolean,
  problem: ProblemAt,
): void {
  const seen = new Map<string, number>();
  fields.forEach((h, i) => {
    const key = h.normalize('NFC').trim().toLowerCase();
    if (rowNames && i === 0) return;
    if (key === '') {
      problem(
        line,
        i + 1,
        null,
        'blank-header',
        `header cell ${i + 1} is empty`,
        'name the column, or remove it',
      );
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      problem(
        line,
        i + 1,
        h,
        'duplicate-header',
        `column ${i + 1} repeats the header "${h}" of column ${first}`,
      );
    } else seen.set(key, i + 1);
  });
}

/**
 * A data row's width against the header's (`header` undefined: any width); returns whether the row is
 * read. A row of one cell under a wide header that reads as words is a footnote.
 */
export function checkWidth(
  r: FieldReader,
  header: string[] | undefined,
  problem: ProblemAt,
  tally: Tally,
): boolean {
  const { count, line } = r;
  const width = header?.length ?? count;
  if (count < width) {
    if (count === 1 && width > 2 && isFootnote(r.text(0))) {
      problem(
        line,
        1,
        null,
        'footnote',
        `a note inside or below the table: ${JSON.stringify(r.text(0).slice(0, 60))}`,
        'remove it, or keep notes in a separate file',
      );
      return false;
    }
    for (let c = count + 1; c <= width; c++) {
      problem(
        line,
        c,
        header?.[c - 1] ?? null,
        'missing-cell',
        `row has ${count} cell${count === 1 ? '' : 's'}, the header has ${width}: no cell for column ${c}`,
      );
    }
    return false;
  }
  if (count === width + 1 && r.text(width) === '' && header) {
    // The Comtrade portal's trailing comma: read as the analyses read it, counted once per file.
    tally('trailing-empty-field', '', line, width + 1, null);
    return true;
  }
  if (count > width) {
    for (let c = width + 1; c <= count; c++) {
      problem(
        line,
        c,
        null,
        'extra-cell',
        `row has ${count} cells, the header has ${width}: cell ${c} (${JSON.stringify(r.text(c - 1).slice(0, 30))}) has no column`,
        'an unquoted comma inside a value splits it in two: quote the value',
      );
    }
    return false;
  }
  return true;
}

/** Whether a lone cell reads as words (a note), not as a number. */
function isFootnote(text: string): boolean {
  return /[A-Za-z]{3,}/.test(text) && !/^\s*[-\d.,]+\s*$/.test(text);
}

/** A run of blank rows, one problem at its first line (a file of a million empty lines is one problem). */
export function blankText(rows: number, first: number, last: number, where: 'inside' | 'below'): string {
  return rows === 1
    ? `a blank row ${where} the table`
    : `${rows.toLocaleString('en-US')} blank rows ${where} the table (lines ${first}-${last})`;
}

/** Maps the reader's InputError codes to validate's problem codes. */
export function problemCode(err: InputError): ProblemCode {
  const c = err.code;
  return c === 'ragged-row' || c === 'rules-file' || c === 'unreadable' ? 'input' : c;
}
