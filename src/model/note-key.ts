import type { Note } from './notes.js';

/**
 * What makes two notes the same note, for saying each once: its code, its facts and its scope. Never
 * its words: those are src/output/'s.
 */
export function noteKey(n: Note): string {
  return `${n.code}\u0000${JSON.stringify(n.facts, bigText)}\u0000${n.scope ?? ''}`;
}

// Facts hold BigInts for sums past 2^53, which JSON.stringify refuses.
const bigText = (_: string, v: unknown): unknown => (typeof v === 'bigint' ? `${v}n` : v);
