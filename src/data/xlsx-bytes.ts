// A workbook's bytes before exceljs reads them: what they are (empty, an old .xls, encrypted, not a ZIP),
// and how they are handed on to the unzipper.
import { isZip } from './decode.js';
import type { InputSource } from './inputs.js';
import { notReadable } from './xlsx-failures.js';

/** The first bytes of an OLE2 compound file: an old .xls, or an .xlsx saved with a password. */
const OLE2 = Buffer.from('d0cf11e0a1b11ae1', 'hex');

/**
 * Opens a workbook's bytes: its first chunks (read to look at them) and the rest; throws InputError when
 * they are no .xlsx workbook (empty, an OLE2 file, not a ZIP archive).
 */
export async function openWorkbookBytes(
  input: InputSource,
): Promise<{ first: Buffer[]; bytes: AsyncIterator<Buffer> }> {
  const file = input.name;
  const bytes = input.open()[Symbol.asyncIterator]();
  const first = await readHead(bytes);
  const head = Buffer.concat(first.chunks);
  if (head.length === 0) throw notReadable(file, 'the file is empty');
  if (head.subarray(0, 8).equals(OLE2)) {
    const encrypted = await hasEncryptedPackage(first.chunks, first.ended ? undefined : bytes);
    throw encrypted
      ? notReadable(
          file,
          'it is encrypted with a password',
          'open it in Excel and save it again without a password',
        )
      : notReadable(
          file,
          'an OLE2 compound file: an old-format .xls workbook, or an .xlsx encrypted with a password',
          'open it in Excel and save it as an .xlsx workbook without a password',
        );
  }
  if (!isZip(head)) {
    await bytes.return?.();
    throw notReadable(
      file,
      'not a ZIP archive',
      'an .xlsx workbook is a ZIP archive; is this a CSV or text file named .xlsx?',
    );
  }
  return { first: first.chunks, bytes };
}

/** The first chunks of a stream, up to at least 8 bytes (or all of a shorter one). */
async function readHead(bytes: AsyncIterator<Buffer>): Promise<{ chunks: Buffer[]; ended: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < 8) {
    const step = await bytes.next();
    if (step.done) return { chunks, ended: true };
    chunks.push(step.value);
    size += step.value.length;
  }
  return { chunks, ended: false };
}

/**
 * The unzipper buffers 16 chunks ahead (an object-mode stream), so chunks are cut to 64 KiB at most
 * (views, not copies): a 1 MiB file chunk would make that 16 MiB.
 */
const PIECE = 64 << 10;

/** `first`, then the rest of `rest`, in pieces of at most 64 KiB; stopping early stops `rest`. */
export async function* replay(first: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    for (const chunk of first) yield* pieces(chunk);
    for (;;) {
      const step = await rest.next();
      if (step.done) return;
      yield* pieces(step.value);
    }
  } finally {
    await rest.return?.();
  }
}

function* pieces(chunk: Buffer): Generator<Buffer> {
  if (chunk.length <= PIECE) yield chunk;
  else for (let at = 0; at < chunk.length; at += PIECE) yield chunk.subarray(at, at + PIECE);
}

const ENCRYPTION_NAMES = ['EncryptedPackage', 'EncryptionInfo'].map((s) => Buffer.from(s, 'utf16le'));
const SCAN_LIMIT = 16 << 20;

/**
 * Whether an OLE2 file names the streams of an encrypted OOXML package (in its directory, looked for in
 * its first 16 MiB; an .xls has a Workbook stream instead).
 */
async function hasEncryptedPackage(
  first: Buffer[],
  rest: AsyncIterator<Buffer> | undefined,
): Promise<boolean> {
  let tail = Buffer.alloc(0);
  let seen = 0;
  const found = (chunk: Buffer): boolean => {
    const window = Buffer.concat([tail, chunk]);
    if (ENCRYPTION_NAMES.some((n) => window.includes(n))) return true;
    tail = window.subarray(Math.max(0, window.length - 40));
    seen += chunk.length;
    return false;
  };
  try {
    for (const chunk of first) if (found(chunk)) return true;
    while (rest && seen < SCAN_LIMIT) {
      const step = await rest.next();
      if (step.done) return false;
      if (found(step.value)) return true;
    }
    return false;
  } finally {
    await rest?.return?.();
  }
}
