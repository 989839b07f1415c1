import { Readable } from 'node:stream';
import type { Cell, CellValue, Row } from 'exceljs';
import { InputError, KorusError } from '../errors.js';
import { isZip } from './decode.js';
import type { InputSource } from './inputs.js';

export { isZip };

/** One row of a sheet: its cells as text, and its 1-based row number in the sheet. */
export interface SheetRow {
  fields: string[];
  line: number;
}

/** One worksheet as read: its name and its rows in order. */
export interface XlsxSheet {
  name: string;
  /** The names of every sheet the workbook lists, in its order. */
  sheets: string[];
  rows: AsyncIterable<SheetRow>;
}

/** The first bytes of an OLE2 compound file: an old .xls, or an .xlsx saved with a password. */
const OLE2 = Buffer.from('d0cf11e0a1b11ae1', 'hex');

/**
 * Every worksheet of an .xlsx input, streaming: each sheet's rows must be consumed (or left alone)
 * before the next sheet is asked for; asking for the next one reads past what was left of the last,
 * whose rows can then no longer be read.
 *
 * The sheets come in the order of their parts in the ZIP archive: the workbook order in files from
 * Apache POI (DataWeb) and exceljs, which store the sheets in tab order as sheet1.xml, sheet2.xml...
 * (a workbook stored in another order gives its sheets in the order stored).
 *
 * Rows with no non-empty cell are not given; `line` is the sheet's own row number, so a row left out
 * leaves a gap. `fields` runs from column A to the row's last non-empty cell, gaps filled with "". Cell
 * text: a number as the shortest decimal that reads back as the same number, never in exponent form
 * (31289669, not 3.1289669E7); a string, inline string or rich text as its plain text; a formula as its
 * cached result; TRUE/FALSE; a date (a number with a date format) as YYYY-MM-DD, with THH:MM:SS[.mmm]
 * when it has a time of day (UTC, as Excel has no time zones); an error as its text (#N/A).
 *
 * What exceljs 4.4 gives up, and so this does: an inline string made of several rich-text runs keeps
 * only its last run (Apache POI and DataWeb write one run); a formula's cached boolean comes as 1/0 and
 * a cached error as "#ERROR" (exceljs keeps no text for it); only parts named xl/worksheets/sheetN.xml
 * are read, and a worksheet stored under another name is an error rather than a sheet left out.
 */
export async function* readXlsxSheets(input: InputSource): AsyncGenerator<XlsxSheet> {
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

  // Loaded here, not at the top: a run that reads only CSV files never loads exceljs.
  const { default: ExcelJS } = await import('exceljs');
  const source = Readable.from(replay(first.chunks, bytes), { objectMode: false });
  // exceljs pipes `source` into its unzipper, and a pipe does not carry errors: a failed read would
  // leave it waiting for bytes forever. Nor do the unzipper's own failures (a ZIP cut short, corrupt
  // deflate data) reach the part exceljs is reading, which just stops. So both are caught here (the
  // unzipper when exceljs pipes into it) and every wait on exceljs is raced against them.
  // (Not Promise.race with one pending promise: each race would leave a handler on it, one per row.)
  let failure: { err: unknown } | undefined;
  const waiting = new Set<(err: unknown) => void>();
  const fail = (err: unknown) => {
    if (failure) return;
    failure = { err };
    for (const reject of waiting) reject(err);
    waiting.clear();
  };
  source.on('error', fail);
  const pipe = source.pipe.bind(source);
  source.pipe = <T extends NodeJS.WritableStream>(dest: T, options?: { end?: boolean }): T => {
    dest.on('error', fail);
    return pipe(dest, options);
  };
  const race = <T>(step: Promise<T>): Promise<T> => {
    if (failure) {
      step.catch(() => {});
      return Promise.reject(failure.err);
    }
    return new Promise<T>((resolve, reject) => {
      waiting.add(reject);
      step.then(
        (value) => {
          waiting.delete(reject);
          resolve(value);
        },
        (err: unknown) => {
          waiting.delete(reject);
          reject(err);
        },
      );
    });
  };

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles are needed to tell a date (a number with a date format) from a number.
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  const internals = reader as unknown as ReaderInternals;
  // Sheet names. exceljs 4.4.0's streaming reader does know the real names (from xl/workbook.xml via
  // xl/_rels/workbook.xml.rels) when it emits a worksheet, in both of its ways of reading: straight from
  // the ZIP when workbook.xml, its rels and sharedStrings.xml come before the worksheets (Apache POI,
  // DataWeb), or, when not (sharedStrings.xml comes last from Excel and exceljs), from temporary files
  // (in the OS temp folder) it copies the worksheets to, read once the whole ZIP is read: the rows still
  // stream, from disk. But it matches a rels Target only when written
  // exactly as `worksheets/sheetN.xml` and otherwise names the sheet "SheetN". So the name is looked up
  // here from the same parsed workbook.xml and rels (exceljs's `model.sheets` and `workbookRels`, which
  // its typings leave out), for the part exceljs announced in its 'entry' event just before the sheet,
  // with targets resolved as paths (`/xl/worksheets/sheet1.xml`, `./worksheets/sheet1.xml`).
  let part: string | undefined;
  let sawWorkbook = false;
  internals.on('entry', (entry) => {
    if (entry.type === 'workbook') sawWorkbook = true;
    if (entry.type === 'worksheet') part = `xl/worksheets/sheet${entry.id}.xml`;
  });
  const sheets = reader[Symbol.asyncIterator]();
  const read = new Set<string>();
  let current: OpenSheet | undefined;
  try {
    for (;;) {
      if (current) await current.finish();
      current = undefined;
      const step = await race(sheets.next());
      if (step.done) break;
      if (!sawWorkbook || part === undefined) throw noWorkbook(file);
      const name = sheetName(internals, part);
      current = openSheet(step.value, name ?? part, file, race, date1904(internals));
      // A part that workbook.xml does not list is no sheet of the workbook (Excel does not show it).
      if (name === undefined) continue;
      read.add(part.toLowerCase());
      const sheetNames = (internals.model?.sheets ?? []).flatMap((x) => (x.name ? [x.name] : []));
      yield { name, sheets: sheetNames, rows: current.rows };
    }
    if (!sawWorkbook) throw noWorkbook(file);
    for (const sheet of internals.model?.sheets ?? []) {
      const rel = internals.workbookRels?.find((r) => r.Id === sheet.rId);
      if (!rel?.Target || !/\/worksheet$/.test(rel.Type ?? '')) continue;
      const where = partPath(rel.Target);
      if (read.has(where)) continue;
      throw notReadable(
        file,
        /^xl\/worksheets\/sheet\d+\.xml$/.test(where)
          ? `its worksheet "${sheet.name}" (${where}) is missing from the ZIP archive`
          : `its worksheet "${sheet.name}" is stored as ${where}, which exceljs does not read (only xl/worksheets/sheetN.xml)`,
      );
    }
  } catch (err) {
    if (err instanceof TypeError && !sawWorkbook) throw noWorkbook(file, 'ahead of its worksheets');
    throw asInputError(err, file);
  } finally {
    current?.abandon();
    // Wait for the input to be closed (its file handle), not just asked to close.
    if (!source.closed) {
      const closed = new Promise((resolve) => source.once('close', resolve));
      source.destroy();
      await closed;
    }
  }
}

/** A sheet being read: its rows, once, and what to do when the next sheet is asked for. */
interface OpenSheet {
  rows: AsyncIterable<SheetRow>;
  /** Reads past the rows not consumed (exceljs must get to the end of the part), then closes the sheet. */
  finish(): Promise<void>;
  /** Closes what the sheet holds open (a temporary file), when reading stops early. */
  abandon(): void;
}

function openSheet(
  worksheet: AsyncIterable<Row>,
  name: string,
  file: string,
  race: <T>(step: Promise<T>) => Promise<T>,
  date1904: boolean,
): OpenSheet {
  const rows = worksheet[Symbol.asyncIterator]();
  let started = false;
  let done = false;
  let closed = false;
  const next = async (): Promise<IteratorResult<Row>> => {
    try {
      const step = await race(rows.next());
      if (step.done) done = true;
      return step;
    } catch (err) {
      done = true;
      throw asInputError(err, file);
    }
  };
  async function* each(): AsyncGenerator<SheetRow> {
    for (;;) {
      if (closed) {
        throw new Error(`${file}: the rows of sheet "${name}" were asked for after the next sheet was`);
      }
      const step = await next();
      if (step.done) return;
      const fields = rowFields(step.value, date1904);
      if (fields.length > 0) yield { fields, line: step.value.number };
    }
  }
  // When exceljs read the worksheet to a temporary file, its `iterator` is a file stream, open already.
  const stream = (worksheet as { iterator?: unknown }).iterator;
  const closeFile = () => {
    if (stream instanceof Readable) stream.destroy();
  };
  return {
    rows: {
      [Symbol.asyncIterator]() {
        if (started) throw new Error(`${file}: the rows of sheet "${name}" can be read only once`);
        started = true;
        return each();
      },
    },
    async finish() {
      if (!started) closeFile();
      else while (!done) await next();
      closed = true;
    },
    abandon() {
      if (!done) closeFile();
      closed = true;
    },
  };
}

/** A row's cells as text, from column A to its last non-empty cell. */
function rowFields(row: Row, date1904: boolean): string[] {
  const fields: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const text = cellText(cell, date1904);
    if (text === '') return;
    while (fields.length < col - 1) fields.push('');
    fields[col - 1] = text;
  });
  return fields;
}

/** A cell's text (see readXlsxSheets). */
function cellText(cell: Cell, date1904: boolean): string {
  const value = cell.value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if ('formula' in value || 'sharedFormula' in value || 'result' in value) {
      // exceljs's formula value leaves out a falsy cached result (0, NaN): the cell still has it.
      return resultText(value.result ?? cell.result, cell.numFmt, date1904);
    }
  }
  return valueText(value);
}

/** A formula's cached result as text: a number with a date format is a date. */
function resultText(result: unknown, numFmt: string | undefined, date1904: boolean): string {
  if (typeof result !== 'number') return valueText(result as CellValue);
  // exceljs reads every cached result but a string one with parseFloat: NaN was an error's text.
  if (Number.isNaN(result)) return '#ERROR';
  return isDateFormat(numFmt) ? dateText(excelDate(result, date1904)) : numberText(result);
}

/** A value as text; exceljs has made a number with a date format a Date already. */
function valueText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : numberText(value);
  if (typeof value === 'string') return unescapeXstring(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('error' in value) return String(value.error);
  if ('richText' in value) return unescapeXstring(value.richText.map((run) => run.text ?? '').join(''));
  if ('text' in value && typeof value.text === 'string') return unescapeXstring(value.text);
  return '';
}

/** The shortest decimal that reads back as `n`, in plain form: 1e21 -> 1000000000000000000000. */
function numberText(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const sign = m[1] ?? '';
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const point = 1 + Number(m[4]);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const DAY_MS = 86_400_000;

/** YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS[.mmm] when there is a time of day. */
function dateText(d: Date): string {
  const t = d.getTime();
  if (Number.isNaN(t)) return '';
  const iso = d.toISOString();
  const at = iso.indexOf('T');
  if (((t % DAY_MS) + DAY_MS) % DAY_MS === 0) return iso.slice(0, at);
  return iso.slice(0, -1).replace(/\.000$/, '');
}

/** An Excel serial date as exceljs reads it (utils.excelToDate). */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS));
}

/** Whether a number format shows a date or time: exceljs's own test (utils.isDateFmt). */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** OOXML's escapes in strings: _x000D_ is a carriage return (ECMA-376 ST_Xstring). */
function unescapeXstring(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** What this module reads of exceljs's WorkbookReader beyond its typings. */
interface ReaderInternals {
  on(event: 'entry', listener: (entry: { type?: string; id?: string }) => void): unknown;
  /** xl/workbook.xml as parsed. */
  model?: { sheets?: { name?: string; rId?: string }[] };
  /** xl/_rels/workbook.xml.rels as parsed. */
  workbookRels?: { Id?: string; Target?: string; Type?: string }[];
  properties?: { model?: { date1904?: boolean } };
}

/** The name workbook.xml gives the worksheet stored as `part`, if it lists it. */
function sheetName(reader: ReaderInternals, part: string): string | undefined {
  const wanted = part.toLowerCase();
  const rel = reader.workbookRels?.find((r) => r.Target !== undefined && partPath(r.Target) === wanted);
  return rel ? reader.model?.sheets?.find((s) => s.rId === rel.Id)?.name : undefined;
}

/** A workbook rels Target as a part path in the ZIP, lower-cased (part names ignore case). */
function partPath(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/').toLowerCase();
}

function date1904(reader: ReaderInternals): boolean {
  return reader.properties?.model?.date1904 === true;
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
async function* replay(first: Buffer[], rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
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

function notReadable(file: string, why: string, hint?: string): InputError {
  return new InputError({ file }, `not a readable .xlsx workbook (${why})`, hint, 'not-csv');
}

function noWorkbook(file: string, where = 'in the ZIP archive'): InputError {
  return notReadable(
    file,
    `no xl/workbook.xml ${where}`,
    'an .xlsx workbook is a ZIP archive holding xl/workbook.xml and its worksheets',
  );
}

/** exceljs's and unzipper's failures as errors for people; ours (and the input's) pass through. */
function asInputError(err: unknown, file: string): Error {
  if (err instanceof KorusError) return err;
  const e = err as { message?: unknown; code?: unknown; syscall?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (message === 'FILE_ENDED') return notReadable(file, 'the ZIP archive ends early: the file is cut short');
  if (/^invalid signature/i.test(message)) return notReadable(file, `corrupt ZIP archive: ${message}`);
  if (typeof e?.code === 'string' && e.code.startsWith('Z_')) {
    return notReadable(file, `corrupt ZIP archive: ${message}`);
  }
  if (/^\d+:\d+: /.test(message)) return notReadable(file, `malformed XML: ${message}`);
  if (typeof e?.code === 'string' && typeof e.syscall === 'string') {
    return new InputError({ file }, `cannot read the workbook (${message})`);
  }
  if (err instanceof TypeError) return notReadable(file, `exceljs could not make sense of it: ${message}`);
  return notReadable(file, message);
}
