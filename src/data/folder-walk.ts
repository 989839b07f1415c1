import type { Dirent, Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputFacts, NotReadReason } from '../model/facts/read.js';
import { compressedError, compressionOf, fileInput, unreadable } from './file-input.js';
import { BUNDLED_DATA_DIR, type InputSource } from './inputs.js';

/**
 * The file names a folder's listing reads (a glob reads whatever it names): what the readers take, a CSV,
 * a JSON table (each maybe gzipped) and a workbook. Not .txt or .tsv: a tab-separated file is read as
 * one only when its header has tabs and no comma, and in a folder such a name is as often notes.
 */
export const DATA_FILE = /\.(csv|json)(\.gz)?$|\.xlsx$/i;

/** What an entry is, as a listing (Dirent) or lstat (Stats) tells it. */
export type EntryKind = Pick<Dirent | Stats, 'isDirectory' | 'isFile' | 'isSymbolicLink'>;

/** How many paths a note names of each kind; the counts stay complete. */
const EXAMPLES = 10;

/**
 * What one resolution of --data has met: the files taken (by real path, so a link and its target are
 * one file), the folders walked (so a link back up is not walked again) and what was not read.
 */
export class Walk {
  readonly out: InputSource[] = [];
  readonly facts: InputFacts = {
    notRead: { count: 0, reasons: {}, examples: [] },
    sameFile: { count: 0, pairs: [] },
  };
  private readonly files = new Map<string, string>();
  private readonly folders = new Set<string>();

  constructor(readonly recursive: boolean) {}

  /** Says that `path` was not read, and why. */
  skip(path: string, reason: NotReadReason): void {
    const n = this.facts.notRead;
    n.count++;
    n.reasons[reason] = (n.reasons[reason] ?? 0) + 1;
    if (n.examples.length < EXAMPLES) n.examples.push({ path, reason });
  }

  /** Takes a file (once, however many paths lead to it), checking its first bytes for compression. */
  async addFile(full: string, shown: string, info: Stats): Promise<void> {
    // By device and inode: a symbolic link, a hard link and the file itself are one file.
    const real = `${info.dev}:${info.ino}`;
    const first = this.files.get(real);
    if (first !== undefined) {
      const s = this.facts.sameFile;
      s.count++;
      if (s.pairs.length < EXAMPLES) s.pairs.push({ file: shown, as: first });
      return;
    }
    this.files.set(real, shown);
    if (!info.isFile()) {
      // A pipe from the shell (`--data <(zcat x.gz)`, a /dev/fd path) is read as it comes, like stdin.
      this.out.push({ ...fileInput(full, shown, 0, false), size: undefined, once: true, file: undefined });
      return;
    }
    const kind = info.size > 0 ? compressionOf(await firstBytes(full, shown)) : undefined;
    if (kind && kind !== 'gzip') throw compressedError(shown, kind);
    // A .gz name must hold gzip (a broken download says so); gzip bytes under any name are read as gzip.
    this.out.push(fileInput(full, shown, info.size, kind === 'gzip' || /\.gz$/i.test(full)));
  }

  /** Reads a folder's data files, then its sub-folders (with --recursive; else they are counted as not read). */
  async folder(dir: string, shown: string): Promise<void> {
    const id = await stat(dir).catch(() => undefined);
    const real = id ? `${id.dev}:${id.ino}` : dir;
    if (this.folders.has(real)) {
      this.skip(`${shown.replace(/\/+$/, '')}/`, 'folder-seen');
      return;
    }
    this.folders.add(real);
    // The bundled data/ folder's README documents its files: it is not said to be passed over.
    const sayOthers = real !== (await bundledFolder());
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      throw unreadable(shown, err);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subs: Array<[string, string]> = [];
    for (const e of entries) {
      const full = join(dir, e.name);
      const path = joinShown(shown, e.name);
      const hidden = e.name.startsWith('.');
      // A hidden file with a data file's name (macOS's AppleDouble ._x.csv beside x.csv, copied from a Mac
      // disk) is not read, as `*` leaves it out in the shell, and is said.
      if (hidden && !e.isDirectory() && DATA_FILE.test(e.name)) {
        this.skip(path, 'hidden-file');
        continue;
      }
      const kind = await this.entry(e, full, path, DATA_FILE.test(e.name));
      if (kind === 'folder') subs.push([full, path]);
      // Other hidden files (.DS_Store, .gitattributes) are never data, and go unsaid.
      else if (kind === 'other' && sayOthers && !hidden) this.skip(path, 'other-file');
    }
    for (const [full, path] of subs) {
      if (!this.recursive) this.skip(`${path}/`, 'sub-folder');
      else if (baseName(path).startsWith('.')) this.skip(`${path}/`, 'hidden-folder');
      else await this.folder(full, path);
    }
  }

  /**
   * One entry of a listing: a data file is taken, a link is followed to what it names; a folder is
   * handed back to the caller, and so is an entry not `wanted` ('other'). `wanted`: a name the listing
   * reads (a data file's, or a glob's match).
   */
  async entry(
    e: EntryKind,
    full: string,
    path: string,
    wanted: boolean,
  ): Promise<'folder' | 'other' | undefined> {
    if (e.isDirectory()) return 'folder';
    let info: Stats;
    if (e.isSymbolicLink()) {
      try {
        info = await stat(full);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (!wanted) return 'other';
        this.skip(path, code === 'ELOOP' ? 'link-loop' : 'dangling-link');
        return undefined;
      }
      if (info.isDirectory()) return 'folder';
    } else if (!wanted) return 'other';
    else if (e.isFile()) info = await stat(full);
    else {
      this.skip(path, 'not-a-file');
      return undefined;
    }
    if (!wanted) return 'other';
    if (info.isFile()) await this.addFile(full, path, info);
    else this.skip(path, 'not-a-file');
    return undefined;
  }

  /** A sub-folder met by a glob or named by a link: read with --recursive, else counted as not read. */
  async subFolder(full: string, path: string): Promise<void> {
    if (this.recursive) await this.folder(full, path);
    else this.skip(`${path}/`, 'sub-folder');
  }
}

let bundled: Promise<string | undefined> | undefined;

/** The bundled data/ folder's device and inode, however it is reached (the default, `data/` in a clone). */
function bundledFolder(): Promise<string | undefined> {
  bundled ??= stat(BUNDLED_DATA_DIR).then(
    (s) => `${s.dev}:${s.ino}`,
    () => undefined,
  );
  return bundled;
}

/** The first bytes of a file, to tell compressed bytes from text whatever the file's name. */
async function firstBytes(full: string, shown: string): Promise<Buffer> {
  try {
    const handle = await open(full, 'r');
    try {
      const buf = Buffer.alloc(8);
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw unreadable(shown, err);
  }
}

/** A path as messages show it: the path as given, then `/` and the entry's name. */
export function joinShown(shown: string, name: string): string {
  if (shown === '' || shown === '.') return name;
  return shown.endsWith('/') ? `${shown}${name}` : `${shown}/${name}`;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
