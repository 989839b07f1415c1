import type { Note } from './notes.js';

/**
 * What makes two notes the same note, for saying each once: its code, its facts (a worded note's
 * message) and its scope. Never its words: those are src/output/'s.
 */
export function noteKey(n: Note): string {
  const what = 'message' in n ? `message ${n.message}` : `facts ${JSON.stringify(n.facts)}`;
  return `${n.code}\u0000${what}\u0000${n.scope ?? ''}`;
}
