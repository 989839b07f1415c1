// --output FILE: the answer is written to a temporary file beside FILE and renamed onto it once the command
// has finished, so FILE is either the whole answer or as it was before (a failing run, a full disk, Ctrl-C
// leave nothing behind; bin/ removes what is pending when the process is stopped by a signal).

import { createWriteStream, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { errnoWords, KorusError } from '../errors.js';

/** Temporary files written and not yet renamed or removed, for a signal to remove. */
const pending = new Set<string>();

/** Removes every temporary output file not yet renamed (a signal stops the process). Synchronous. */
export function removePendingOutputs(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}

/** A file being written: `stream` takes the answer; `commit` puts it in place, `abort` removes it. */
export interface AtomicFile {
  stream: WriteStream;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

function failure(path: string, err: unknown): KorusError {
  const e = err as NodeJS.ErrnoException;
  const why = typeof e?.code === 'string' ? errnoWords(e.code) : (e?.message ?? String(err));
  return new KorusError(`cannot write ${path}: ${why}`);
}

/** Opens `path` (relative to `cwd`) to be written atomically; a folder, or a folder that does not exist, is refused. */
export async function openAtomic(path: string, cwd: string): Promise<AtomicFile> {
  const target = resolve(cwd, path);
  const dir = dirname(target);
  try {
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (err) {
    throw failure(path, err);
  }
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw failure(path, { code: 'EISDIR' });
  const tmp = join(dir, `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  const stream = createWriteStream(tmp, { flags: 'wx' });
  pending.add(tmp);
  let error: unknown;
  stream.on('error', (err) => {
    error ??= err;
  });
  await new Promise<void>((resolve) => {
    stream.once('open', () => resolve());
    stream.once('error', () => resolve());
  });
  if (error) {
    pending.delete(tmp);
    throw failure(path, error);
  }
  const closed = () =>
    new Promise<void>((resolve) => {
      if (stream.closed) resolve();
      else stream.once('close', () => resolve());
    });
  const abort = async () => {
    stream.destroy();
    await closed();
    rmSync(tmp, { force: true });
    pending.delete(tmp);
  };
  return {
    stream,
    abort,
    async commit() {
      await new Promise<void>((resolve) => stream.end(() => resolve()));
      await closed();
      if (error) {
        await abort();
        throw failure(path, error);
      }
      try {
        renameSync(tmp, target);
      } catch (err) {
        await abort();
        throw failure(path, err);
      }
      pending.delete(tmp);
    },
  };
}
