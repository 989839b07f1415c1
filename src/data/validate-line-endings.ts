import type { InputSource } from './inputs.js';
import type { ProblemAt } from './validate-checks.js';

/** Line endings of each kind: how many, or the line of the first. */
export interface LineEndings {
  crlf: number;
  lf: number;
  cr: number;
}

/** Line endings of each kind counted as a file is read, and the line of each kind's first (validate). */
export interface EndingCount {
  counts: LineEndings;
  first: LineEndings;
}

/** The input with its line endings counted as it is read, when `endings` is given. */
export function counted(input: InputSource, endings: EndingCount | undefined): InputSource {
  if (!endings) return input;
  return { ...input, open: (o) => countLineEndings(input.open(o), endings.counts, endings.first) };
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
      // No CR in this chunk: count its LFs natively.
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) seen('lf');
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
