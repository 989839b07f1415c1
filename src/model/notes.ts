import type { NoteCode } from './codes.js';

/** A warning or remark that travels with a result: on stderr for people, in `notes` in JSON. */
export interface Note {
  level: 'warning' | 'info';
  code: NoteCode;
  message: string;
  /** How many rows (or items) the note is about, where it counts something. */
  count?: number;
}
