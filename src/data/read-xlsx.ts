import { Readable } from 'node:stream';
import { isZip } from './decode.js';
import type { InputSource } from './inputs.js';
import { openWorkbookBytes, replay } from './xlsx-bytes.js';
import { asInputError, notReadable, noWorkbook, raceFailures } from './xlsx-failures.js';
import { type OpenSheet, openSheet, type SheetRow } from './xlsx-sheet.js';

export { isZip, type SheetRow };

/** One worksheet as read: its name and its rows in order. */
export interface XlsxSheet {
  name: string;
  /** The names of every sheet the workbook lists, in its order. */
  sheets: string[];
  rows: AsyncIterable<SheetRow>;
}

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
  const { first, bytes } = await openWorkbookBytes(input);

  // Loaded here, not at the top: a run that reads only CSV files never loads exceljs.
  const { default: ExcelJS } = await import('exceljs');
  const source = Readable.from(replay(first, bytes), { objectMode: false });
  const race = raceFailures(source);

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
