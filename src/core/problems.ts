/** One thing `validate` found: where, what (a stable code), how bad, and what to do. */
export interface Problem {
  file: string;
  /** 1-based line (the header is line 1; a record spanning lines is reported at its first); null for the file. */
  line: number | null;
  /** 1-based column (field number); null when the problem is the whole row or file. */
  column: number | null;
  /** The header name of that column, when there is one. */
  field: string | null;
  code: string;
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
}

/** Problem codes, their default severity and what each means (README "validate" lists them). */
export const PROBLEM_CODES: Readonly<Record<string, { severity: 'error' | 'warning'; about: string }>> = {
  'empty-file': { severity: 'error', about: 'the file has no bytes' },
  'no-rows': { severity: 'error', about: 'a header and no data rows' },
  'not-csv': { severity: 'error', about: 'a ZIP/XLSX file or binary content (NUL bytes)' },
  encoding: { severity: 'error', about: 'invalid UTF-8 (or UTF-16) at the line of the first bad byte' },
  'csv-syntax': {
    severity: 'error',
    about: 'an unclosed or stray quote, or a record over 1 MiB: the file cannot be read past it',
  },
  'blank-header': { severity: 'warning', about: 'a header cell is empty' },
  'duplicate-header': { severity: 'error', about: 'a header name repeats an earlier one' },
  'missing-column': {
    severity: 'error',
    about: 'no column for a required field (year, value, partner, category or HS code)',
  },
  'title-row': {
    severity: 'warning',
    about:
      "a line above the header (a title) that is not the source's own: korus-stats needs --skip-lines to read the file",
  },
  'unread-flow': {
    severity: 'error',
    about: 'a column that names a trade flow but is not read: imports and exports would be added together',
  },
  'measure-required': {
    severity: 'error',
    about: 'several value columns and none the default: an analysis needs --measure',
  },
  'blank-row': { severity: 'warning', about: 'a row whose cells are all empty' },
  'missing-cell': { severity: 'error', about: 'a row shorter than the header: one problem per missing cell' },
  'extra-cell': { severity: 'error', about: 'a row longer than the header: one problem per extra cell' },
  footnote: { severity: 'warning', about: 'a one-cell note below the table' },
  'mixed-line-endings': { severity: 'warning', about: 'the file mixes CRLF, LF and CR line endings' },
  'bad-year': { severity: 'error', about: 'a year that is not four digits' },
  'bad-month': { severity: 'error', about: 'a month that is not 1-12 (or 52 for a year)' },
  'bad-flow': { severity: 'error', about: 'a flow that is not imports/exports (M, X, 1, 2, ...)' },
  'bad-number': {
    severity: 'error',
    about: 'a value that is not a number (hints for thousands separators and decimal commas)',
  },
  'empty-value': { severity: 'warning', about: 'an empty value cell (missing, never 0)' },
  suppressed: {
    severity: 'warning',
    about: 'values marked missing or suppressed ((D), NA, ..): one problem per marker, counted',
  },
  'negative-value': { severity: 'error', about: 'a negative trade value' },
  'empty-partner': { severity: 'error', about: 'a row without a partner' },
  'hs-code-length': { severity: 'warning', about: 'an HS code that is not 2, 4, 6, 8 or 10 digits' },
  'hs-code-leading-zero': {
    severity: 'warning',
    about: 'an HS code of odd length: it looks like it lost a leading zero',
  },
  'unknown-partner': {
    severity: 'warning',
    about: 'a partner code or name not in the catalog (one problem per name, counted)',
  },
  'unknown-category': {
    severity: 'warning',
    about: 'a category label not in the catalog (one problem per label, counted)',
  },
  'duplicate-row': {
    severity: 'warning',
    about:
      'the same year, period, reporter, partner, flow and code as an earlier row: counted as given, as in `share` (--dedupe counts an exact repeat once)',
  },
  'duplicate-total': {
    severity: 'error',
    about: 'a second World/total row for the same key: `share` stops on it',
  },
  'trailing-empty-field': {
    severity: 'warning',
    about:
      "rows with one empty field past the header's last column (the Comtrade portal's trailing comma): read, as `share` reads them",
  },
  'total-mismatch': {
    severity: 'error',
    about: 'a World/total row that differs from the sum of its parts beyond --tolerance',
  },
  'months-contradict-year': {
    severity: 'error',
    about: 'twelve monthly rows whose sum differs from the annual row',
  },
  'partner-two-names': { severity: 'warning', about: 'one partner code under two different names' },
  'echo-mismatch': {
    severity: 'error',
    about: 'a column the Census API repeats holds other text than the first',
  },
  input: { severity: 'error', about: 'another problem reading the file' },
};
