import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { InputError, UsageError } from '../errors.js';

/** One input to read: a file, or standard input. */
export interface InputSource {
  /** The name shown in messages: the path as given, `data/x.csv` for bundled files, `<stdin>`. */
  name: string;
  /**
   * Opens the input as a stream of raw (decompressed) bytes. With `reuse`, a plain file is read into one
   * buffer over and over: each chunk is valid only until the next is asked for (the byte scanner's way,
   * which leaves no garbage per chunk).
   */
  open(options?: { reuse?: boolean }): AsyncIterable<Buffer>;
  /** Its size in bytes as read, when known in advance (not for stdin or compressed files). */
  size?: number;
}

/** The bundled data folder, shipped in the package beside dist/. */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

const CSV_FILE = /\.(csv|txt|tsv)(\.gz)?$|\.xlsx$/i;

/** Resolves `--data` arguments (files, folders of .csv/.csv.gz, `-` for stdin) to inputs, in a stable order. */
export async function resolveInputs(
  paths: string[] | undefined,
  cwd: string,
  stdin: Readable,
): Promise<InputSource[]> {
  if (!paths || paths.length === 0) return folderInputs(BUNDLED_DATA_DIR, (f) => `data/${f}`);
  const out: InputSource[] = [];
  let usedStdin = false;
  for (const given of paths) {
    if (given === '-') {
      if (usedStdin) throw new UsageError('--data: standard input (-) can be read only once');
      usedStdin = true;
      out.push({ name: '<stdin>', open: () => stdin as AsyncIterable<Buffer> });
      continue;
    }
    const full = resolve(cwd, given);
    if (/[*?[]/.test(basename(given)) && !(await exists(full))) {
      out.push(...(await globInputs(full, given)));
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(full);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(
        { file: given },
        code === 'ENOENT' ? 'no such file or folder' : `cannot read (${code})`,
      );
    }
    if (info.isDirectory()) {
      out.push(...(await folderInputs(full, (f) => join(given, f))));
    } else {
      out.push(fileInput(full, given, info.size));
    }
  }
  return out;
}

async function folderInputs(dir: string, display: (file: string) => string): Promise<InputSource[]> {
  const files = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && CSV_FILE.test(e.name))
    .map((e) => e.name)
    .sort();
  if (files.length === 0) {
    throw new InputError({ file: display('') || dir }, 'folder holds no .csv, .csv.gz or .xlsx files');
  }
  const sized = await Promise.all(files.map(async (f) => [f, (await stat(join(dir, f))).size] as const));
  return sized.map(([f, size]) => fileInput(join(dir, f), display(f), size));
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The files a pattern in its last part names (`downloads/census-*.csv.gz`), sorted; none is an error. */
async function globInputs(full: string, given: string): Promise<InputSource[]> {
  const dir = dirname(full);
  const pattern = new RegExp(
    `^${basename(full)
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && pattern.test(e.name))
      .map((e) => e.name);
  } catch {
    names = [];
  }
  if (names.length === 0) throw new InputError({ file: given }, 'no file matches this pattern');
  const shown = dirname(given);
  return Promise.all(
    names
      .sort()
      .map(async (n) =>
        fileInput(join(dir, n), shown === '.' ? n : join(shown, n), (await stat(join(dir, n))).size),
      ),
  );
}

function fileInput(full: string, name: string, size: number): InputSource {
  return {
    name: name.split(sep).join('/'),
    size: /\.gz$/i.test(full) ? undefined : size,
    open(options) {
      if (options?.reuse && !/\.gz$/i.test(full)) return withReadErrors(readInto(full), name);
      const file = createReadStream(full, { highWaterMark: 1 << 20 });
      if (!/\.gz$/i.test(full)) return withReadErrors(file, name);
      const gunzip = createGunzip({ chunkSize: 1 << 20 });
      file.on('error', (e) => gunzip.destroy(e));
      return withReadErrors(file.pipe(gunzip), name);
    },
  };
}

/**
 * A file's bytes, 1 MiB at a time, into two buffers in turn: the next read is under way while the
 * consumer works on the chunk it was handed (which stays valid until it asks for the next one).
 */
async function* readInto(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    let cur = Buffer.allocUnsafe(1 << 20);
    let next = Buffer.allocUnsafe(1 << 20);
    let pending = handle.read(cur, 0, cur.length, null);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) return;
      pending = handle.read(next, 0, next.length, null);
      yield cur.subarray(0, bytesRead);
      [cur, next] = [next, cur];
    }
  } finally {
    await handle.close();
  }
}

/** The stream's chunks, with I/O and gzip failures turned into errors for people. */
async function* withReadErrors(stream: AsyncIterable<Buffer>, file: string): AsyncGenerator<Buffer> {
  try {
    yield* stream;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR')
      throw new InputError({ file }, 'not a valid gzip file');
    if (typeof e.code === 'string' && e.syscall) throw new InputError({ file }, `cannot read (${e.code})`);
    throw err;
  }
}
