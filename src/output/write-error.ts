import { errnoWords } from '../errors.js';

/**
 * The one line a failed write gets (a full disk, an I/O error, a closed descriptor), after
 * "korus-stats: error: ": `cannot write output: no space left on device (ENOSPC)`.
 */
export function writeFailure(err: unknown, target = 'output'): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return `cannot write ${target}: ${code ? errnoWords(code) : String((err as Error)?.message ?? err)}`;
}
