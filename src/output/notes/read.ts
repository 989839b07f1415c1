import { systemLabel } from '../../catalog/classifications.js';
import { listText } from '../../model/caps.js';
import type { NotReadReason, ReadFacts } from '../../model/facts/read.js';
import { counted } from '../format.js';
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
    `${f.file}: ${counted(f.rows, 'row')} end${f.rows === 1 ? 's' : ''} with an empty field past the header's last column (a trailing comma, as the Comtrade portal writes): ignored`,
  'source-encoding': (f) => `${f.file}: read as ${f.encoding}; pass --encoding to choose another`,
  'footer-row': (f) =>
    `${f.file}: the "Total" row${s(f.lines.length)} under the table (line${s(f.lines.length)} ${lines(f.lines)}) ${f.asTotal ? 'taken as the all-commodities total of the query' : 'passed over: not data'}`,
  'no-partner-column': (f) =>
    `${f.file} has no partner column: every row is taken as the World total (all partners); if the file is one partner's, say which with --set partner=NAME`,
  'field-from-file': (f) => `${f.file}: ${f.field} "${f.value}" for every row, from ${f.from}`,
  'dimension-detail': (f) => `${counted(f.rows, 'row')} by ${f.dimension} left out: the total rows are used`,
  'hs-code-repadded': (f) =>
    `${f.codes} HS code${s(f.codes)} of odd length got back the leading zero a spreadsheet drops (${f.examples.map((e) => `${e} is 0${e}`).join(', ')}${f.codes > f.examples.length ? ', ...' : ''}): HS codes have 2, 4, 6, 8 or 10 digits`,
  'other-hs-level': (f) => `${counted(f.rows, 'row')} at other HS levels left out (--hs-level)`,
  'other-flows': (f) =>
    `${counted(f.rows, 'row')} of other flows left out: ${listText(f.flows.map((x) => `${x.flow} ${x.rows}`))} (only imports, exports, re-imports and re-exports are added)`,
  'other-classification': (f) =>
    `${counted(f.rows, 'row')} with ${systemLabel(f.system)} codes left out: the category has no ${systemLabel(f.system)} definition (its codes are HS)`,
  'not-money': (f) =>
    `${counted(f.rows, 'row')} whose unit is not US dollars left out (${f.units
      .slice(0, 4)
      .map((u) => JSON.stringify(u))
      .join(', ')}${f.units.length > 4 ? ', ...' : ''})`,
  'delimiter-found': (f) =>
    `${f.file}: read as ${f.delimiter === '\t' ? 'tab' : JSON.stringify(f.delimiter)}-separated (its header has tabs and no commas); --delimiter chooses`,
  'code-table': (f) =>
    `${f.file}: a table of ${f.codes} country codes, read as a lookup for the codes of the data (not data)`,
  'sheets-skipped': (f) =>
    `workbook sheet${s(f.sheets.length)} not read: ${listText(f.sheets)} (quantities, or not the sheet --measure names; --measure SHEET reads one)`,
  'inputs-not-read': (f) =>
    `${f.count} entr${f.count === 1 ? 'y' : 'ies'} of --data not read: ${(
      Object.keys(NOT_READ) as NotReadReason[]
    )
      .filter((r) => f.reasons[r])
      .map((r) => notRead(r, f))
      .join('; ')}`,
  'same-file': (f) =>
    `${f.count} path${s(f.count)} le${f.count === 1 ? 'ads' : 'ad'} to a file already read, read once: ${f.pairs
      .map((p) => `${p.file} is ${p.as}`)
      .join(', ')}${f.count > f.pairs.length ? `, and ${f.count - f.pairs.length} more` : ''}`,
};

/** Each reason an entry was not read: its noun (one, many) and what to do about it. */
const NOT_READ: Record<NotReadReason, [string, string, string]> = {
  'sub-folder': ['sub-folder', 'sub-folders', '--recursive reads them'],
  'hidden-folder': ['hidden folder', 'hidden folders', 'name them in --data to read them'],
  'hidden-file': [
    'hidden file',
    'hidden files',
    "macOS's ._ files are metadata, not data; name others in --data to read them",
  ],
  'folder-seen': ['folder already read', 'folders already read', 'a link back to a folder read before'],
  'dangling-link': [
    'link to nothing',
    'links to nothing',
    'with git-annex or DVC, fetch the content first: git annex get, dvc pull',
  ],
  'link-loop': ['symbolic link loop', 'symbolic link loops', 'the links lead back to themselves'],
  'not-a-file': [
    'entry that is no regular file',
    'entries that are no regular files',
    'a pipe, socket or device',
  ],
  'other-file': [
    'file of another name',
    'files of other names',
    'a folder reads .csv, .json (each maybe .gz) and .xlsx files; name others in --data to read them',
  ],
};

function notRead(r: NotReadReason, f: ReadFacts['inputs-not-read']): string {
  const n = f.reasons[r] ?? 0;
  const [one, many, what] = NOT_READ[r];
  const paths = f.examples.filter((e) => e.reason === r).map((e) => e.path);
  const more = n > paths.length ? `, and ${n - paths.length} more` : '';
  return `${n} ${n === 1 ? one : many} (${paths.join(', ')}${more}; ${what})`;
}
