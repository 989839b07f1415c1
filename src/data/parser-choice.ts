import { UsageError } from '../errors.js';
import type { Dialect } from './csv-dialect.js';
import type { ReadOptions } from './read-options.js';

/** Whether the byte scanner can read with these options (it needs a one-byte ASCII delimiter). */
export function scannerFits(dialect: Dialect): boolean {
  const c = dialect.delimiter.charCodeAt(0);
  return dialect.delimiter.length === 1 && c < 0x80;
}

/** The parser the options choose: the byte scanner unless csv-parse is asked for or the delimiter needs it. */
export function parserFor(options: ReadOptions): 'fast' | 'csv-parse' {
  const choice = options.parser ?? 'auto';
  if (choice === 'fast' && !scannerFits(options.dialect)) {
    throw new UsageError(
      `--parser fast needs a one-byte ASCII delimiter, not ${JSON.stringify(options.dialect.delimiter)}`,
    );
  }
  return choice === 'fast' || (choice === 'auto' && scannerFits(options.dialect)) ? 'fast' : 'csv-parse';
}
