import { lstat, readlink, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError, UsageError } from '../errors.js';
import type { NotReadReason } from '../model/facts/read.js';
import { compressedError, compressionOf, unreadable, withReadErrors } from './file-input.js';
import { Walk } from './folder-walk.js';
import { unescapeGlob } from './glob-match.js';
import { expandBraces, globEntries, isPattern } from './glob-paths.js';
import { BUNDLED_DATA_DIR, type Inputs } from './inputs.js';

/**
 * Resolves `--data` arguments (files, folders, globs, `-` for stdin) to inputs, in a stable order. A folder
 * gives its data files, links to files included; its sub-folders with `recursive`, else they are counted
 * in `facts` (nothing is passed over unsaid). A path that exists as written is never taken as a glob.
 */
export async function resolveInputs(
  paths: string[] | undefined,
  cwd: string,
  stdin: Readable,
  options: { recursive?: boolean } = {},
): Promise<Inputs> {
  const walk = new Walk(options.recursive === true);
  if (!paths || paths.length === 0) {
    await walk.folder(BUNDLED_DATA_DIR, 'data');
    return withFacts(walk);
  }
  let usedStdin = false;
  for (const given of paths) {
    if (given === '-') {
      if (usedStdin) throw new UsageError('--data: standard input (-) can be read only once');
      usedStdin = true;
      const open = () => sniffCompression(stdin as AsyncIterable<Buffer>);
      walk.out.push({ name: '<stdin>', open, once: true });
      continue;
    }
    await resolveGiven(walk, given, cwd);
  }
  return withFacts(walk);
}

/**
 * One --data path: as written when it exists; else each path its braces stand for (`{a,b}.csv` is a.csv,
 * then b.csv, as bash reads it), each of which must give something to read.
 */
async function resolveGiven(walk: Walk, given: string, cwd: string): Promise<void> {
  const exists = await lstat(resolve(cwd, given)).then(
    () => true,
    () => false,
  );
  const paths = exists ? [given] : expandBraces(given);
  for (const path of paths) {
    const before = walk.out.length + walk.facts.sameFile.count;
    const skipped = walk.facts.notRead.examples.length;
    await resolveOne(walk, path, cwd);
    if (walk.out.length + walk.facts.sameFile.count === before) nothingIn(walk, path, skipped);
  }
}

function withFacts(walk: Walk): Inputs {
  const out: Inputs = walk.out;
  out.facts = walk.facts;
  return out;
}

async function resolveOne(walk: Walk, given: string, cwd: string): Promise<void> {
  const full = resolve(cwd, given);
  const info = await stat(full).catch((err: NodeJS.ErrnoException) => err);
  if (info instanceof Error && info.code === 'ENOENT') {
    if (isPattern(given)) return globInputs(walk, cwd, given);
    const plain = given.split('/').map(unescapeGlob).join('/');
    if (plain !== given) return resolveOne(walk, plain, cwd);
  }
  if (info instanceof Error) throw await statError(full, given, info);
  if (info.isDirectory()) return walk.folder(full, given.replace(/\/+$/, '') || '/');
  if (info.isFile() || (info.isFIFO() && SHELL_PIPE.test(full))) return walk.addFile(full, given, info);
  if (info.isFIFO()) {
    const hint = `send it to standard input: --data - < ${given}`;
    throw new InputError({ file: given }, 'a named pipe, not a file', hint, 'unreadable');
  }
  throw new InputError({ file: given }, `not a regular file (${kindOf(info)})`, undefined, 'unreadable');
}

/** Why `stat` failed, said of the path as given: a dangling link names its target. */
async function statError(full: string, given: string, err: NodeJS.ErrnoException): Promise<InputError> {
  if (err.code === 'ENOENT') {
    const link = await readlink(full).catch(() => undefined);
    if (link !== undefined && (await lstat(full).catch(() => undefined))?.isSymbolicLink()) {
      return new InputError(
        { file: given },
        `a symbolic link to ${link}, which does not exist`,
        'with git-annex or DVC, fetch the content first (git annex get, dvc pull)',
        'unreadable',
      );
    }
  }
  return unreadable(given, err);
}

/**
 * Where the shell puts the pipes of process substitution (`<(zcat x.gz)`) and /dev/stdin: read as they
 * come. A named pipe elsewhere (mkfifo) is refused: with no writer, opening it would wait for ever.
 */
const SHELL_PIPE = /^\/(dev\/fd|proc\/self\/fd|proc\/\d+\/fd)\/\d+$|^\/dev\/stdin$/;

function kindOf(info: { isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }) {
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return info.isSocket() ? 'a socket' : 'not a file or folder';
}

/** The entries a pattern names (`downloads/census-*.csv.gz`, a `**` below `dir`), sorted; none is an error. */
async function globInputs(walk: Walk, cwd: string, given: string): Promise<void> {
  const entries = await globEntries(given, cwd);
  // A folder a pattern names is a sub-folder: read with --recursive, else said.
  for (const e of entries) {
    if ((await walk.entry(e.kind, e.full, e.path, true)) === 'folder') await walk.subFolder(e.full, e.path);
  }
}

/** A path that gave no input: the error says why (an empty folder, a pattern that matches nothing). */
function nothingIn(walk: Walk, given: string, skippedBefore: number): void {
  const passed = walk.facts.notRead.examples.slice(skippedBefore);
  const first = passed[0];
  const hint = first
    ? `not read: ${first.path} (${NOT_READ_WHY[first.reason]}${NOT_READ_HOW[first.reason] ?? ''})${passed.length > 1 ? ` and ${passed.length - 1} more` : ''}`
    : undefined;
  const glob = isPattern(given);
  const what = glob ? 'no file matches this pattern' : 'folder holds no .csv, .csv.gz, .json or .xlsx files';
  throw new InputError({ file: given }, what, hint);
}

/** How to read what was passed over, where there is a way. */
const NOT_READ_HOW: Partial<Record<NotReadReason, string>> = {
  'sub-folder': '; --recursive reads sub-folders',
  'other-file': '; name it in --data to read it',
  'hidden-file': '; name it in --data to read it',
};

/** Why an entry was passed over, in the hint of a path that gave nothing to read. */
const NOT_READ_WHY: Record<NotReadReason, string> = {
  'sub-folder': 'a sub-folder',
  'hidden-folder': 'a hidden folder',
  'hidden-file': 'a hidden file',
  'folder-seen': 'a folder already read',
  'dangling-link': 'a link to nothing',
  'link-loop': 'a symbolic link loop',
  'not-a-file': 'not a regular file',
  'other-file': 'not a .csv, .json or .xlsx name',
};

/**
 * Standard input's bytes, gunzipped when they start as gzip does (`gzip -c x.csv | korus-stats ... -`);
 * other compressions stop the read with how to undo them.
 */
async function* sniffCompression(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  while (head.length < 6) {
    const next = await it.next();
    if (next.done) break;
    head = Buffer.concat([head, next.value]);
  }
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => it };
  const kind = compressionOf(head);
  if (kind && kind !== 'gzip') throw compressedError('<stdin>', kind);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    yield* rest;
  }
  if (kind !== 'gzip') {
    yield* all();
    return;
  }
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  const src = Readable.from(all(), { objectMode: false });
  src.on('error', (e) => gunzip.destroy(e));
  yield* withReadErrors(src.pipe(gunzip), '<stdin>');
}
