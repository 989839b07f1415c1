import { appendFile } from 'node:fs/promises';
import { KorusError } from '../errors.js';
import { writeFailure } from '../output/write-error.js';

/** Appends to a file the run writes besides stdout (a job summary); a failure is one line and exit 2. */
export async function appendOutput(path: string, text: string): Promise<void> {
  try {
    await appendFile(path, text);
  } catch (err) {
    throw new KorusError(writeFailure(err, path));
  }
}
