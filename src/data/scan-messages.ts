// What the scanning thread and the reading thread say to each other (scan-worker.ts, scan-thread.ts).

import { CsvSyntaxError, InputError, type Location } from '../errors.js';
import type { InputErrorCode } from '../model/codes.js';
import type { Encoding } from './decode.js';
import type { FileOnDisk } from './inputs.js';
import type { SlotSize } from './record-batch.js';
import type { EndingCount } from './validate-line-endings.js';

/** The file a scanning thread reads, and how. */
export interface ScanJob {
  /** The file, as the reading thread's look at its head found it. */
  file: FileOnDisk;
  /** The name shown in messages. */
  name: string;
  encoding: Encoding;
  fallback: 'windows-1252' | undefined;
  delimiter: number;
  /** Count line endings of each kind (validate). */
  countEndings: boolean;
  /**
   * Int32 [batches the reading thread has finished, stop]: the scanner waits while it is `AHEAD` batches
   * ahead, so memory holds a few chunks whatever the file's size.
   */
  control: SharedArrayBuffer;
}

/** Batches the scanning thread may have handed on and not yet seen read: the slots of shared memory. */
export const AHEAD = 4;

/** What the reader learned besides records, sent with each message. */
interface Progress {
  /** Bytes of the file read so far. */
  bytesIn: number;
  /** The encoding as the file stats state it (encodingLabel). */
  encoding: string;
}

/** An error as it crosses threads: an InputError keeps its location, code and hint. */
export type WireError =
  | {
      kind: 'input';
      location: Location;
      detail: string;
      hint: string | undefined;
      code: InputErrorCode;
      syntax: string | undefined;
    }
  | { kind: 'other'; message: string; stack: string | undefined };

export type ScanMessage =
  | ({
      type: 'batch';
      /** The slot the batch is in (batch n is in slot n % AHEAD) and how many records it holds. */
      slot: number;
      records: number;
      /** The slot's memory, when it is new or has grown. */
      memory: { memory: SharedArrayBuffer; size: SlotSize } | undefined;
    } & Progress)
  | ({
      type: 'end';
      endings: EndingCount | undefined;
      error: WireError | undefined;
    } & Progress);

export function toWire(err: unknown): WireError {
  if (err instanceof InputError) {
    return {
      kind: 'input',
      location: { ...err.location },
      detail: err.detail,
      hint: err.hint,
      code: err.code,
      syntax: err instanceof CsvSyntaxError ? err.syntax : undefined,
    };
  }
  const e = err instanceof Error ? err : new Error(String(err));
  return { kind: 'other', message: e.message, stack: e.stack };
}

export function fromWire(w: WireError): Error {
  if (w.kind === 'other') {
    const e = new Error(w.message);
    if (w.stack) e.stack = w.stack;
    return e;
  }
  return w.syntax !== undefined
    ? new CsvSyntaxError(w.location, w.detail, w.syntax)
    : new InputError(w.location, w.detail, w.hint, w.code);
}
