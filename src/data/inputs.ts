import { fileURLToPath } from 'node:url';
import type { InputFacts } from '../model/facts/read.js';

/** What identifies a file's state: opened again, the same file holds the same bytes. */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
}

/** A file on disk as fileInput reads it: enough to open it again, in another thread too. */
export interface FileOnDisk {
  path: string;
  gzip: boolean;
  /** Its size on disk. */
  bytes: number;
  /** Bytes per read. */
  chunk: number;
  /** The file as its first opening found it, which another opening must find too. */
  opened?: FileIdentity;
}

/** One input to read: a file, or standard input. */
export interface InputSource {
  /** The name shown in messages: the path as given, `data/x.csv` for bundled files, `<stdin>`. */
  name: string;
  /**
   * Opens the input as a stream of raw (decompressed) bytes. With `reuse`, a plain file is read into one
   * buffer over and over: each chunk is valid only until the next is asked for (the byte scanner's way,
   * which leaves no garbage per chunk).
   */
  open(options?: { reuse?: boolean }): AsyncIterable<Buffer>;
  /** Its size in bytes as read, when known in advance (not for stdin or compressed files). */
  size?: number;
  /** Its bytes can be read only once (standard input, a named pipe): never opened to be compared. */
  once?: boolean;
  /** A file on disk, which another thread can open by its path (fileInput sets it). */
  file?: FileOnDisk;
  /** Closes what was opened to look at the first chunk (peekInput), when the input is read another way. */
  close?(): Promise<void>;
}

/** The inputs --data names, with what resolving them met besides (entries not read, a file reached twice). */
export type Inputs = InputSource[] & { facts?: InputFacts };

/** The bundled data folder, shipped in the package beside dist/. */
export const BUNDLED_DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));
