// What a file's first bytes tell before any of it is decoded: its delimiter (a tab-separated file read with
// the default comma) and its source (whose downloads may be in an encoding of their own).
import { detectProfile } from '../sources/index.js';
import { headerView, type SourceProfile } from '../sources/types.js';

/** Tab, when the first line of a file read with the default comma holds tabs and no comma (or no ;). */
export function sniffDelimiter(head: Buffer, delimiter: string): string {
  if (delimiter !== ',') return delimiter;
  const end = head.indexOf(10);
  const first = head.subarray(0, end === -1 ? Math.min(head.length, 65536) : end).toString('latin1');
  return first.includes('\t') && !first.includes(',') ? '\t' : delimiter;
}

/** The profile of a file's first line(s), read from its first bytes (for the encoding to decode it in). */
export function sniffProfile(head: Buffer, delimiter: string): SourceProfile | undefined {
  const text = head
    .subarray(0, 64 * 1024)
    .toString('latin1')
    .replace(/^\u00ef\u00bb\u00bf/, '');
  const lines = text.split(/\r?\n/, 3);
  for (const line of lines.slice(0, 2)) {
    const fields = splitLine(line, delimiter);
    const found = detectProfile(headerView(fields));
    if (found.profile.name !== 'canonical') return found.profile;
  }
  return undefined;
}

/** A CSV line's cells, quotes removed (enough to read a header). */
function splitLine(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}
