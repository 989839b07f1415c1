import type { Partner } from '../catalog/partners.js';
import type { Field, ProfileName } from '../sources/types.js';
import type { Dialect } from './csv-dialect.js';
import type { NumberFormat } from './numbers.js';

/** Which parser reads the CSV: the byte scanner (fast), csv-parse (the reference), or auto (the scanner when it can). */
export const PARSERS = ['auto', 'fast', 'csv-parse'] as const;
export type ParserChoice = (typeof PARSERS)[number];

/** How to read trade files. */
export interface ReadOptions {
  dialect: Dialect;
  /** The encoding was given (--encoding): a source's own encoding is not taken instead. */
  encodingGiven?: boolean;
  /** The delimiter was given (--delimiter): a tab-separated header does not switch it. */
  delimiterGiven?: boolean;
  numbers: NumberFormat;
  /** Value-cell markers meaning "no figure" (compared trimmed and case-insensitively). */
  missing: readonly string[];
  columns?: Partial<Record<Field, string>>;
  /** The value column (a measure) by its header: --measure CNT_VAL_YR. */
  measure?: string;
  unit?: string;
  parser?: ParserChoice;
  /** The source profile to read files as; default: detected from each header. */
  layout?: ProfileName | 'auto';
  /** Values for fields the files lack, the same for every row (`--set category=apparel`). */
  set?: Partial<Record<Field, string>>;
  /** Lines above the header to pass over (title lines), listed in a warning. */
  skipLines?: number;
  /** Use only HS codes of this many digits (when a file holds several levels). */
  hsLevel?: number;
  /** Records come from a workbook sheet: a row may end before the header does (empty cells left out). */
  sheetRows?: boolean;
  /** Lines above the header that are not the source's own are reported, not refused (`validate`). */
  titleLinesOk?: boolean;
  /** Country codes from a code table among the inputs (BACI's), for codes the catalog does not know. */
  codeTable?: Map<string, Partner>;
  /**
   * Threads reading a CSV file: 1 reads on one thread, 2 gives it a scanning thread beside the reading one
   * (the default for files of 32 MiB and more, 8 MiB gzipped, with a second core), 3 or more read a plain
   * UTF-8 file in byte ranges on that many threads (range-read.ts) and give any other a scanning thread.
   */
  threads?: number;
  /** Bytes per range when a file is read in ranges (default RANGE_BYTES; KORUS_RANGE_BYTES, for tests). */
  rangeBytes?: number;
  /** Called after each chunk with the bytes read so far (of all inputs) and the rows. */
  onProgress?: (bytes: number, rows: number) => void;
}
