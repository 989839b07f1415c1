import type { ProblemCode } from '../model/codes.js';

/** What each problem code means, as docs/validate-problems.md lists it (checked by test/docs.test.ts). */
export const PROBLEM_ABOUT: Readonly<Record<ProblemCode, string>> = {
  'empty-file': 'the file has no bytes',
  'no-rows': 'a header and no data rows',
  'not-csv': 'a ZIP/XLSX file or binary content (NUL bytes)',
  encoding: 'invalid UTF-8 (or UTF-16) at the line of the first bad byte',
  'csv-syntax': 'an unclosed or stray quote, or a record over 1 MiB: the file cannot be read past it',
  'blank-header': 'a header cell is empty',
  'duplicate-header': 'a header name repeats an earlier one',
  'missing-column': 'no column for a required field (year, value, partner, category or HS code)',
  'title-row':
    "a line above the header (a title) that is not the source's own: korus-stats needs --skip-lines to read the file",
  'unread-flow':
    'a column that names a trade flow but is not read: imports and exports would be added together',
  'measure-required': 'several value columns and none the default: an analysis needs --measure',
  'blank-row': 'a row whose cells are all empty',
  'missing-cell': 'a row shorter than the header: one problem per missing cell',
  'extra-cell': 'a row longer than the header: one problem per extra cell',
  footnote: 'a one-cell note below the table',
  'mixed-line-endings': 'the file mixes CRLF, LF and CR line endings',
  'bad-year': 'a year that is not four digits',
  'bad-month': 'a month that is not 1-12 (or 52 for a year)',
  'bad-flow': 'a flow that is not imports/exports (M, X, 1, 2, ...)',
  'bad-number': 'a value that is not a number (hints for thousands separators and decimal commas)',
  'empty-value': 'an empty value cell (missing, never 0)',
  suppressed: 'values marked missing or suppressed ((D), NA, ..): one problem per marker, counted',
  'negative-value': 'a negative trade value',
  'empty-partner': 'a row without a partner',
  'hs-code-length': 'an HS code that is not 2, 4, 6, 8 or 10 digits',
  'hs-code-leading-zero': 'an HS code of odd length: it looks like it lost a leading zero',
  'unknown-partner': 'a partner code or name not in the catalog (one problem per name, counted)',
  'unknown-category': 'a category label not in the catalog (one problem per label, counted)',
  'duplicate-row':
    'the same year, period, reporter, partner, flow and code as an earlier row: counted as given, as in `share` (--dedupe counts an exact repeat once)',
  'duplicate-total': 'a second World/total row for the same key: `share` stops on it',
  'trailing-empty-field':
    "rows with one empty field past the header's last column (the Comtrade portal's trailing comma): read, as `share` reads them",
  'total-mismatch': 'a World/total row that differs from the sum of its parts beyond --tolerance',
  'months-contradict-year': 'twelve monthly rows whose sum differs from the annual row',
  'partner-two-names': 'one partner code under two different names',
  'echo-mismatch': 'a column the Census API repeats holds other text than the first',
  input: 'another problem reading the file',
};
