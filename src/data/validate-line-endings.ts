import type { ProblemAt } from './validate-checks.js';

/** Line endings of each kind: how many, or the line of the first. */
export interface LineEndings {
  crlf: number;
  lf: number;
  cr: number;
}

/** Passes the bytes through, counting CRLF, LF and CR line endings and the line of each kind's first. */
export async function* countLineEndings(
  source: AsyncIterable<Buffer>,
  counts: LineEndings,
  first: LineEndings,
): AsyncGenerator<Buffer> {
  let line = 1;
  let pendingCR = false;
  const seen = (kind: 'crlf' | 'lf' | 'cr') => {
    counts[kind]++;
    if (!first[kind]) first[kind] = line;
    line++;
  };
  for await (const chunk of source) {
    if (!pendingCR && chunk.indexOf(13) === -1) {
      // No CR in this chunk: its LFs counted four bytes at a time (the line of the first is where it starts).
      const n = countLF(chunk);
      if (n > 0) {
        counts.lf += n;
        if (!first.lf) first.lf = line;
        line += n;
      }
    } else {
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (pendingCR) {
          pendingCR = false;
          if (c === 10) {
            seen('crlf');
            continue;
          }
          seen('cr');
        }
        if (c === 13) pendingCR = true;
        else if (c === 10) seen('lf');
      }
    }
    yield chunk;
  }
  if (pendingCR) seen('cr');
}

/** How many LF bytes `buf` holds: a 32-bit word at a time, where a byte that was LF becomes zero. */
function countLF(buf: Buffer): number {
  const len = buf.length;
  const offset = buf.byteOffset;
  let n = 0;
  let i = 0;
  for (; i < len && ((offset + i) & 3) !== 0; i++) if (buf[i] === 10) n++;
  const words = (len - i) >> 2;
  if (words > 0) {
    const u32 = new Uint32Array(buf.buffer, offset + i, words);
    for (let w = 0; w < words; w++) {
      const x = (u32[w] as number) ^ 0x0a0a0a0a;
      // Bit 7 of each byte of `zero` is set exactly when that byte of x is 0 (no carry crosses bytes).
      const zero = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
      n += Math.imul(zero >>> 7, 0x01010101) >>> 24;
    }
    i += words * 4;
  }
  for (; i < len; i++) if (buf[i] === 10) n++;
  return n;
}

/** A file of more than one kind of line ending: reported at the first ending of the rarest kind. */
export function checkLineEndings(counts: LineEndings, first: LineEndings, problem: ProblemAt): void {
  const endings = Object.entries(counts).filter(([, n]) => n > 0);
  if (endings.length <= 1) return;
  const [minority] = endings.sort((a, b) => a[1] - b[1]);
  const kind = minority?.[0] as keyof LineEndings;
  const list = endings.map(([k, n]) => `${n} ${k.toUpperCase()}`).join(', ');
  problem(
    first[kind],
    null,
    null,
    'mixed-line-endings',
    `the file mixes line endings (${list}); the first ${kind.toUpperCase()} is at the end of this line`,
  );
}
