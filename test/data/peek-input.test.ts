import { describe, expect, it } from 'vitest';
import type { InputSource } from '../../src/data/inputs.js';
import { peekInput } from '../../src/data/peek-input.js';

/** An input of the given chunks that says whether its reader was closed (a file handle, in real life). */
function tracked(chunks: string[]): { input: InputSource; closed: () => boolean } {
  let closed = false;
  const input: InputSource = {
    name: 'f.csv',
    async *open() {
      try {
        for (const c of chunks) yield Buffer.from(c);
      } finally {
        closed = true;
      }
    },
  };
  return { input, closed: () => closed };
}

describe('peekInput', () => {
  it('hands the head out again, then the rest', async () => {
    const { input } = tracked(['a,b\n', '1,2\n']);
    const peeked = await peekInput(input);
    expect(peeked.head.toString()).toBe('a,b\n');
    const all: string[] = [];
    for await (const c of peeked.input.open()) all.push(c.toString());
    expect(all).toEqual(['a,b\n', '1,2\n']);
  });

  it('closes the source when the reader stops on the head chunk (an error in a one-chunk file)', async () => {
    const { input, closed } = tracked(['a,b\n', '1,2\n']);
    const peeked = await peekInput(input);
    for await (const _ of peeked.input.open()) break;
    expect(closed()).toBe(true);
  });
});
