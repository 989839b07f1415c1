import { Readable } from 'node:stream';
import type { Row } from 'exceljs';
import { rowFields } from './xlsx-cells.js';
import { asInputError } from './xlsx-failures.js';

/** One row of a sheet: its cells as text, and its 1-based row number in the sheet. */
export interface SheetRow {
  fields: string[];
  line: number;
}

/** A sheet being read: its rows, once, and what to do when the next sheet is asked for. */
export interface OpenSheet {
  rows: AsyncIterable<SheetRow>;
  /** Reads past the rows not consumed (exceljs must get to the end of the part), then closes the sheet. */
  finish(): Promise<void>;
  /** Closes what the sheet holds open (a temporary file), when reading stops early. */
  abandon(): void;
}

/** A worksheet as exceljs streams it, read once, row by row, each wait raced against the failures. */
export function openSheet(
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
