import { type FileHandle, open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { errnoWords, InputError } from '../errors.js';
import type { FileIdentity, FileOnDisk, InputSource } from './inputs.js';

// 256 KiB: a chunk is also the step at which validate waits for a slow reader of its output (a pipe), so
// what queues for it per step stays a few MB (a pipe of 2M problems peaked at 264 MB with 1 MiB chunks).
const CHUNK = 1 << 18;

/** Compression a file's first bytes announce, whatever its name says. */
export type Compression = 'gzip' | 'bzip2' | 'xz' | 'zstd';

const MAGIC: Array<[Compression, number[]]> = [
  ['gzip', [0x1f, 0x8b]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

/** The tool that undoes each compression korus-stats does not read itself. */
const DECOMPRESS: Record<Exclude<Compression, 'gzip'>, string> = {
  bzip2: 'bunzip2',
  xz: 'unxz',
  zstd: 'unzstd',
};

/** The compression whose magic bytes `head` starts with (zip is not one: an .xlsx is a zip). */
export function compressionOf(head: Uint8Array): Compression | undefined {
  return MAGIC.find(([, m]) => m.every((b, i) => head[i] === b))?.[0];
}

/** The error for a file compressed in a way korus-stats does not read: what it is and how to undo it. */
export function compressedError(file: string, kind: Exclude<Compression, 'gzip'>): InputError {
  const tool = DECOMPRESS[kind];
  return new InputError(
    { file },
    `${kind}-compressed; decompress it first (${tool} ${file})`,
    undefined,
    'unreadable',
  );
}

/** An I/O failure on `file` as an error for people (exit 2 in every command, validate's too). */
export function unreadable(file: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError({ file }, 'no such file or folder', undefined, 'unreadable');
  return new InputError({ file }, `cannot read: ${errnoWords(code)}`, undefined, 'unreadable');
}

/**
 * A file to read. `gzip` (from its magic bytes, not its name) streams it through gunzip: a gzip bomb
 * takes no more memory than any file. A regular file that changes while it is read (truncated,
 * appended to, rewritten or replaced) stops the read: half a file must not pass for a whole one.
 */
export function fileInput(
  full: string,
  name: string,
  size: number,
  gzip: boolean,
  /** Bytes per read (the tests cut files into small chunks). */
  chunk = CHUNK,
  /** The file as an earlier opening found it (by another thread): opened again, it must be the same. */
  expect?: FileIdentity,
): InputSource {
  const file: FileOnDisk = { path: full, gzip, bytes: size, chunk };
  const seen = (id: FileIdentity) => {
    file.opened ??= id;
  };
  return {
    name,
    size: gzip ? undefined : size,
    file,
    open(options) {
      const bytes = (reuse: boolean) => fileBytes(full, name, reuse, chunk, seen, expect);
      if (!gzip) return withReadErrors(bytes(options?.reuse === true), name);
      const gunzip = createGunzip({ chunkSize: Math.max(64, chunk) });
      const file = Readable.from(bytes(false), { objectMode: false });
      file.on('error', (e) => gunzip.destroy(e));
      return withReadErrors(file.pipe(gunzip), name);
    },
  };
}

/** The file read again from its start (another thread's reading, or one thread's when none could start). */
export function reopened(name: string, file: FileOnDisk): InputSource {
  return fileInput(file.path, name, file.bytes, file.gzip, file.chunk, file.opened);
}

/**
 * A file's bytes, a chunk at a time. With `reuse`, into two buffers in turn: the next read is under way
 * while the consumer works on the chunk it was handed (valid until it asks for the next one). At the end
 * one fstat and one stat check that the file is still the one whose bytes were read; opened again by
 * another thread (`expect`), it must be the file the first opening found.
 */
async function* fileBytes(
  path: string,
  name: string,
  reuse: boolean,
  chunk: number,
  seen: (id: FileIdentity) => void,
  expect: FileIdentity | undefined,
): AsyncGenerator<Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw unreadable(name, err);
  }
  try {
    const before = await handle.stat();
    const id = { size: before.size, mtimeMs: before.mtimeMs, ino: before.ino, dev: before.dev };
    if (expect && !sameFile(expect, id)) {
      throw changedWhileRead(name, expect.size, id.size, id.ino !== expect.ino || id.dev !== expect.dev);
    }
    seen(id);
    let cur = Buffer.allocUnsafe(chunk);
    let next = reuse ? Buffer.allocUnsafe(chunk) : cur;
    let total = 0;
    let pending = handle.read(cur, 0, cur.length, null);
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      total += bytesRead;
      if (!reuse) next = Buffer.allocUnsafe(chunk);
      pending = handle.read(next, 0, next.length, null);
      yield cur.subarray(0, bytesRead);
      [cur, next] = [next, cur];
    }
    if (before.isFile()) await checkUnchanged(handle, path, name, before, total);
  } finally {
    await handle.close();
  }
}

async function checkUnchanged(
  handle: FileHandle,
  path: string,
  name: string,
  before: Awaited<ReturnType<FileHandle['stat']>>,
  total: number,
): Promise<void> {
  const after = await handle.stat();
  const now = await stat(path).catch(() => undefined);
  const replaced = now !== undefined && (now.ino !== before.ino || now.dev !== before.dev);
  const size = Number(replaced && now ? now.size : after.size);
  if (total === before.size && size === before.size && after.mtimeMs === before.mtimeMs && !replaced) return;
  throw changedWhileRead(name, Number(before.size), size === before.size ? total : size, replaced);
}

export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino && a.dev === b.dev;
}

export function changedWhileRead(name: string, size: number, end: number, replaced: boolean): InputError {
  const same = end === size ? ', rewritten during the read' : '';
  return new InputError(
    { file: name },
    `changed while being read (size ${size} -> ${end} bytes${same})`,
    replaced
      ? 'it was replaced by another file during the read; read it again once whatever writes it has finished'
      : 'read it again once whatever writes it has finished',
    'unreadable',
  );
}

/** The stream's chunks, with I/O and gzip failures turned into errors for people. */
export async function* withReadErrors(stream: AsyncIterable<Buffer>, file: string): AsyncGenerator<Buffer> {
  try {
    yield* stream;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR')
      throw new InputError({ file }, 'not a valid gzip file');
    if (typeof e.code === 'string' && e.syscall) throw unreadable(file, e);
    throw err;
  }
}
