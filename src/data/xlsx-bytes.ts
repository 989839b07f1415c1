// A workbook's bytes before exceljs reads them: what they are (empty, an old .xls, encrypted, not a ZIP),
// and how they are handed on to the unzipper.
import { isZip } from './decode.js';
import type { InputSource } from './inputs.js';
import { notReadable, zipArchive } from './xlsx-failures.js';

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
  // A workbook's first part is one of its own ([Content_Types].xml, _rels/.rels, ...): another first
  // entry is a ZIP archive of something else (a zipped CSV download), which is not read from inside.
  const entry = firstEntryName(head);
  if (entry !== undefined && !WORKBOOK_PART.test(entry)) {
    await bytes.return?.();
    throw entry === 'mimetype'
      ? notReadable(
          file,
          'an OpenDocument file (.ods)',
          'open it in a spreadsheet and save it as .xlsx or CSV',
        )
      : zipArchive(file, entry);
  }
  return { first: first.chunks, bytes };
}

/** The parts an .xlsx workbook (an Open Packaging Conventions package) starts with. */
const WORKBOOK_PART = /^(\[Content_Types\]\.xml$|_rels\/|docProps\/|xl\/|customXml\/)/i;

/** The local file header of a ZIP archive's first entry: its signature, then its name at offset 30. */
const NAME_AT = 30;

/** How many bytes the first entry's name needs (the whole header, when the head holds its length). */
function headerEnd(head: Buffer): number {
  return head.length >= NAME_AT ? NAME_AT + head.readUInt16LE(26) : NAME_AT;
}

/** The name of a ZIP archive's first entry (UTF-8 when flagged so, else as bytes); none if cut short. */
function firstEntryName(head: Buffer): string | undefined {
  if (head.readUInt32LE(0) !== 0x04034b50 || head.length < headerEnd(head)) return undefined;
  const utf8 = (head.readUInt16LE(6) & 0x800) !== 0;
  return head.subarray(NAME_AT, headerEnd(head)).toString(utf8 ? 'utf8' : 'latin1');
}

/**
 * The first chunks of a stream, up to at least 8 bytes (or all of a shorter one), and for a ZIP archive up
 * to the end of its first entry's name.
 */
async function readHead(bytes: AsyncIterator<Buffer>): Promise<{ chunks: Buffer[]; ended: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let need = 8;
  while (size < need) {
    const step = await bytes.next();
    if (step.done) return { chunks, ended: true };
    chunks.push(step.value);
    size += step.value.length;
    const head = chunks.length === 1 ? step.value : Buffer.concat(chunks);
    if (isZip(head)) need = headerEnd(head);
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
