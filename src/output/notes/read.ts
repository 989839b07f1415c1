import { systemLabel } from '../../catalog/classifications.js';
import type { ReadFacts } from '../../model/facts/read.js';
import type { Words } from './words.js';

const s = (n: number) => (n === 1 ? '' : 's');
/** The first ten line numbers, and "..." when there are more. */
const lines = (xs: number[]) => `${xs.slice(0, 10).join(', ')}${xs.length > 10 ? ', ...' : ''}`;
/** The first ten runs of lines ("3-5, 9"), and "..." when there are more. */
const runs = (xs: Array<[number, number]>) =>
  `${xs
    .slice(0, 10)
    .map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`))
    .join(', ')}${xs.length > 10 ? ', ...' : ''}`;

/** The words of each read note, made from its facts. */
export const READ_WORDS: Words<ReadFacts> = {
  'blank-rows': (f) =>
    `${f.file}: ${f.rows.toLocaleString('en-US')} blank row${s(f.rows)} between data rows skipped (line${s(f.rows)} ${runs(f.runs)})`,
  'lines-above-header': (f) =>
    `${f.file}: ${f.lines.length} line${s(f.lines.length)} above the header passed over (line${s(f.lines.length)} ${lines(f.lines)}); the header is line ${f.headerLine}`,
  'row-names': (f) => `${f.file}: the first column is R's row names (write.csv), not data`,
  'trailing-empty-field': (f) =>
    `${f.file}: ${f.rows} row${s(f.rows)} end${f.rows === 1 ? 's' : ''} with an empty field past the header's last column (a trailing comma, as the Comtrade portal writes): ignored`,
  'source-encoding': (f) => `${f.file}: read as ${f.encoding}; pass --encoding to choose another`,
  'footer-row': (f) =>
    `${f.file}: the "Total" row${s(f.lines.length)} under the table (line${s(f.lines.length)} ${lines(f.lines)}) ${f.asTotal ? 'taken as the all-commodities total of the query' : 'passed over: not data'}`,
  'no-partner-column': (f) =>
    `${f.file} has no partner column: every row is taken as the World total (all partners); if the file is one partner's, say which with --set partner=NAME`,
  'field-from-file': (f) => `${f.file}: ${f.field} "${f.value}" for every row, from ${f.from}`,
  'dimension-detail': (f) => `${f.rows} row${s(f.rows)} by ${f.dimension} left out: the total rows are used`,
  'hs-code-repadded': (f) =>
    `${f.codes} HS code${s(f.codes)} of odd length got back the leading zero a spreadsheet drops (${f.examples.map((e) => `${e} is 0${e}`).join(', ')}${f.codes > f.examples.length ? ', ...' : ''}): HS codes have 2, 4, 6, 8 or 10 digits`,
  'other-hs-level': (f) => `${f.rows} row${s(f.rows)} at other HS levels left out (--hs-level)`,
  'other-flows': (f) =>
    `${f.rows} row${s(f.rows)} of other flows left out: ${f.flows.map((x) => `${x.flow} ${x.rows}`).join(', ')} (only imports, exports, re-imports and re-exports are added)`,
  'other-classification': (f) =>
    `${f.rows} row${s(f.rows)} with ${systemLabel(f.system)} codes left out: the category has no ${systemLabel(f.system)} definition (its codes are HS)`,
  'not-money': (f) =>
    `${f.rows} row${s(f.rows)} whose unit is not US dollars left out (${f.units
      .slice(0, 4)
      .map((u) => JSON.stringify(u))
      .join(', ')}${f.units.length > 4 ? ', ...' : ''})`,
  'delimiter-found': (f) =>
    `${f.file}: read as ${f.delimiter === '\t' ? 'tab' : JSON.stringify(f.delimiter)}-separated (its header has tabs and no commas); --delimiter chooses`,
  'code-table': (f) =>
    `${f.file}: a table of ${f.codes} country codes, read as a lookup for the codes of the data (not data)`,
  'sheets-skipped': (f) =>
    `workbook sheet${s(f.sheets.length)} not read: ${f.sheets.join(', ')} (quantities, or not the sheet --measure names; --measure SHEET reads one)`,
};
