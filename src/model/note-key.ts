import type { Note } from './notes.js';

/**
 * What makes two notes the same note, for saying each once: its code, its facts and its scope. Never
 * its words: those are src/output/'s.
 */
export function noteKey(n: Note): string {
  return `${n.code}\u0000${JSON.stringify(n.facts)}\u0000${n.scope ?? ''}`;
}
