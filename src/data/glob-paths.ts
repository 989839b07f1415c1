// What a --data pattern names, as `bash -O globstar` expands it: braces first (`{a,b}`, `{2015..2017}`),
// each alternative a path of its own; then `*`, `?` and `[...]` in any part of the path, and `**` as a
// part of its own for any depth of folders. Names are matched by glob-match.ts in linear time; a regular
// expression (what tinyglobby and picomatch compile a pattern to) backtracks for minutes on `a*a*a*...b`.
import type { Dirent } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expand } from 'brace-expansion';
import { UsageError } from '../errors.js';
import { unreadable } from './file-input.js';
import { type EntryKind, joinShown } from './folder-walk.js';
import { globMatch, isGlob, parseGlob, unescapeGlob } from './glob-match.js';

/** One entry a pattern names: its full path, its path as shown (the pattern's own spelling) and its kind. */
export interface GlobEntry {
  full: string;
  path: string;
  kind: EntryKind;
}

/** At most this many paths from one pattern's braces (`{1..100000}` is a mistake, not a request). */
export const MAX_ALTERNATIVES = 1000;

// brace-expansion takes away the backslash of `\\`, `\{`, `\}`, `\,` and `\.`; the glob parser after it
// needs them (`x\\*` is a literal backslash and a star). They cross the expansion as private-use
// characters and come back with their backslash.
const KEPT = '\\{},.';
const KEPT_AT = 0xe000;
const PRIVATE = /[\ue000-\ue004]/;

/**
 * The paths a pattern's braces stand for, in order (`{b,a}.csv` is b.csv, then a.csv); the pattern itself
 * when it has none. More than MAX_ALTERNATIVES is a usage error.
 */
export function expandBraces(pattern: string): string[] {
  if (!pattern.includes('{') || PRIVATE.test(pattern)) return [pattern];
  const kept = pattern.replace(/\\([\\{},.])/g, (_, c: string) =>
    String.fromCharCode(KEPT_AT + KEPT.indexOf(c)),
  );
  const out = expand(kept, { max: MAX_ALTERNATIVES + 1 });
  if (out.length > MAX_ALTERNATIVES) {
    throw new UsageError(
      `--data ${pattern}: its braces give more than ${MAX_ALTERNATIVES} paths`,
      'name fewer, or a folder or a pattern with * instead',
    );
  }
  return out.map((s) => s.replace(/[\ue000-\ue004]/g, (ch) => `\\${KEPT[ch.charCodeAt(0) - KEPT_AT]}`));
}

/** Whether a path (braces expanded) holds a pattern in any of its parts. */
export function isPattern(path: string): boolean {
  return path.split('/').some(isGlob);
}

/** A folder reached while expanding: its full path and its path as shown. */
interface Place {
  full: string;
  path: string;
}

/**
 * The entries a pattern (braces already expanded) names, sorted by path: `*`, `?` and `[...]` match
 * within one part of the path, never a leading `.` (as in bash: `*.csv` leaves `.x.csv` out); a part
 * `**` is any depth of folders, hidden ones and links to folders not entered. A folder that does not
 * exist gives nothing; one that cannot be read is an error.
 */
export async function globEntries(pattern: string, cwd: string): Promise<GlobEntry[]> {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p) => p !== '');
  const foldersOnly = pattern.endsWith('/');
  let places: Place[] = [{ full: absolute ? '/' : cwd, path: absolute ? '/' : '' }];
  let found: GlobEntry[] = [];
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    if (part === '**') {
      const below = await eachOf(places, (p) => foldersBelow(p, !last));
      if (last) {
        // Everything below; a folder's own entries are in the list, so the folder itself is not.
        found = (await eachOf(below, (p) => entriesOf(p, notHidden))).filter((e) => !e.kind.isDirectory());
      } else places = below;
      continue;
    }
    const entries = isGlob(part) ? await matching(places, part) : await named(places, unescapeGlob(part));
    if (last && !foldersOnly) found = entries;
    else places = await foldersAmong(entries);
  }
  if (foldersOnly) found = places.map((p) => ({ ...p, kind: FOLDER }));
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const FOLDER: EntryKind = { isDirectory: () => true, isFile: () => false, isSymbolicLink: () => false };

/** The entries of each folder whose names match a pattern part. */
async function matching(places: Place[], part: string): Promise<GlobEntry[]> {
  const tokens = parseGlob(part);
  // A leading dot is matched only by a leading dot in the pattern, as in bash without dotglob.
  const dot = tokens[0]?.kind === 'char' && tokens[0].ch === '.';
  const wanted = (name: string) => (dot || !name.startsWith('.')) && globMatch(tokens, name);
  return eachOf(places, (p) => entriesOf(p, wanted));
}

/** What `f` gives for each folder, one folder after another (an error is the first one met). */
async function eachOf<T>(places: Place[], f: (place: Place) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const p of places) out.push(...(await f(p)));
  return out;
}

const notHidden = (name: string) => !name.startsWith('.');

/** A literal part: the entry of that name in each folder, where there is one. */
async function named(places: Place[], name: string): Promise<GlobEntry[]> {
  const out: GlobEntry[] = [];
  for (const p of places) {
    const full = join(p.full, name);
    const kind = await lstat(full).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
      throw unreadable(joinShown(p.path, name), err);
    });
    if (kind) out.push({ full, path: joinShown(p.path, name), kind });
  }
  return out;
}

/** A folder's entries that `wanted` takes by name; a folder that is not there (or no folder) has none. */
async function entriesOf(place: Place, wanted: (name: string) => boolean): Promise<GlobEntry[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(place.full, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw unreadable(place.path || '.', err);
  }
  return entries
    .filter((e) => wanted(e.name))
    .map((e) => ({ full: join(place.full, e.name), path: joinShown(place.path, e.name), kind: e }));
}

/** The entries that are folders, or links to folders (a part after them goes through the link). */
async function foldersAmong(entries: GlobEntry[]): Promise<Place[]> {
  const out: Place[] = [];
  for (const e of entries) {
    if (e.kind.isDirectory()) out.push(e);
    else if (e.kind.isSymbolicLink() && (await stat(e.full).catch(() => undefined))?.isDirectory())
      out.push(e);
  }
  return out;
}

/**
 * A folder and every folder below it, as `**` reaches them: not hidden ones; a link to a folder is one
 * when a part follows (`**` then `*.csv` looks inside it), but `**` never goes further through it.
 */
async function foldersBelow(start: Place, links: boolean): Promise<Place[]> {
  const out: Place[] = [];
  const seen = new Set<string>();
  const visit = async (place: Place): Promise<void> => {
    const id = await stat(place.full).catch(() => undefined);
    if (!id?.isDirectory()) return;
    // A bind mount can lead back up: each folder once.
    const key = `${id.dev}:${id.ino}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(place);
    for (const s of await entriesOf(place, notHidden)) {
      if (s.kind.isDirectory()) await visit(s);
      else if (links && s.kind.isSymbolicLink() && (await isFolder(s.full))) out.push(s);
    }
  };
  await visit(start);
  return out;
}

async function isFolder(full: string): Promise<boolean> {
  return (await stat(full).catch(() => undefined))?.isDirectory() === true;
}
