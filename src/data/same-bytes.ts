import { createHash } from 'node:crypto';
import { KorusError } from '../errors.js';
import type { InputSource } from './inputs.js';

/**
 * Two inputs with the same bytes (the same file twice, `a.csv` beside `a.csv.gz`) would count every row
 * twice: refused before anything is read. Files of different sizes cannot be the same, so only files whose
 * sizes match (or are not known in advance, as a .gz's) are hashed; standard input and named pipes are not.
 */
export async function refuseSameBytes(inputs: InputSource[]): Promise<void> {
  if (inputs.length < 2) return;
  const files = inputs.filter((i) => !i.once);
  const unknownSize = files.some((i) => i.size === undefined);
  const bySize = new Map<number, number>();
  for (const i of files) if (i.size !== undefined) bySize.set(i.size, (bySize.get(i.size) ?? 0) + 1);
  const seen = new Map<string, string>();
  for (const input of files) {
    if (!unknownSize && (bySize.get(input.size as number) ?? 0) < 2) continue;
    const hash = createHash('sha1');
    for await (const chunk of input.open()) hash.update(chunk);
    sameAs(seen, hash.digest('hex'), input.name);
  }
}

function sameAs(seen: Map<string, string>, digest: string, name: string): void {
  const twin = seen.get(digest);
  if (twin !== undefined) {
    throw new KorusError(
      `${name} has the same bytes as ${twin}: reading both would count every row twice`,
      2,
      'give each file once',
    );
  }
  seen.set(digest, name);
}
