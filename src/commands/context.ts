import type { Io } from '../io.js';

/** What every command's action gets: the streams, and a place to leave its exit code. */
export interface Context {
  io: Io;
  exitCode: number;
}
