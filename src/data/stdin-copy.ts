import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { KorusError } from '../errors.js';

/** A stream's bytes kept in a temporary file, to be read again as often as needed. */
export interface StreamCopy {
  /** A new stream of the bytes, from the start. */
  open(): Readable;
  /** Deletes the file. */
  remove(): Promise<void>;
}

/**
 * Copies standard input to a temporary file as it arrives (memory independent of its size), for inputs
 * that several reads need: stdin can be read only once. A failed write is a KorusError naming the folder.
 */
export async function copyToTemp(stream: Readable): Promise<StreamCopy> {
  const dir = await mkdtemp(join(tmpdir(), 'korus-stats-'));
  const path = join(dir, 'stdin');
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(stream, createWriteStream(path));
  } catch (err) {
    await remove();
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new KorusError(
      `cannot keep standard input for a second read: ${code} in ${dir}`,
      2,
      'set TMPDIR to a folder with room, or save the data to a file and pass its path',
    );
  }
  return { open: () => createReadStream(path), remove };
}
