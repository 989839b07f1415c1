import { InputError } from '../errors.js';
import { MAX_RECORD_BYTES } from './csv-dialect.js';
import { type JsonEvents, JsonStream } from './json-stream.js';

/**
 * How deep a JSON table's text may nest: a Census answer is 2 deep (rows in an array), a Comtrade answer
 * 3 ({"data": [{...}]}); the members beside "data" may hold a little more.
 */
export const MAX_TABLE_DEPTH = 16;

const TABLE_HINT =
  'a JSON table is an array of rows (arrays, header first, or objects) whose cells are strings, numbers or null';

/**
 * A JSON table read as it streams: an array of arrays, header first (the US Census API's answer), an array
 * of objects, or an object holding one under "data" or "dataset" (the UN Comtrade APIs'). Each row is handed
 * to `onRow` as soon as it closes, its cells as the file writes them (numbers as text: "1.50" stays "1.50"),
 * null as an empty cell. A table of objects takes its header from the first object's keys.
 */
export class JsonTable implements JsonEvents {
  private readonly json: JsonStream;
  /** How deep the rows' array is: 1 at the root, 2 under "data"; 0 until it is found. */
  private listDepth = 0;
  private listDone = false;
  /** The wrapper's key whose value comes next. */
  private member: string | undefined;
  /** undefined until the first row says whether rows are arrays or objects. */
  private objects: boolean | undefined;
  private element = 0;
  private rowStart = 0;
  private rowLine = 1;
  private cells: string[] = [];
  /** A table of objects: its header, and each key's column. */
  private header: string[] | undefined;
  private readonly columns = new Map<string, number>();
  /** The column of the next cell of an object row (after the first, which makes the header). */
  private column = 0;

  constructor(
    private readonly file: string,
    private readonly onRow: (fields: string[], line: number) => void,
    chunkLimit = { maxDepth: MAX_TABLE_DEPTH, maxValueBytes: MAX_RECORD_BYTES },
  ) {
    this.json = new JsonStream(file, this, chunkLimit);
  }

  /** Feeds the next chunk of UTF-8 bytes. */
  write(chunk: Uint8Array): void {
    this.json.write(chunk);
  }

  /** Ends the text: throws if it is cut short or holds no table. */
  end(): void {
    this.json.end();
    if (this.listDepth === 0)
      throw new InputError(
        { file: this.file, line: 1, column: 1 },
        'expected a JSON array of arrays or of objects',
        TABLE_HINT,
      );
  }

  /** The line the text has reached (for an encoding error after the last chunk). */
  lineAtEnd(offset: number): number {
    return this.json.lineOf(offset);
  }

  open(isObject: boolean, depth: number, offset: number): void {
    if (this.listDepth === 0) {
      if (depth === 1 && isObject) return;
      if (
        depth === 1 ||
        (depth === 2 && !isObject && (this.member === 'data' || this.member === 'dataset'))
      ) {
        this.listDepth = depth;
        return;
      }
      if (depth === 2) this.member = undefined;
      return;
    }
    if (this.listDone) return;
    const row = this.listDepth + 1;
    if (depth === row) {
      this.element++;
      if (this.objects === undefined) this.objects = isObject;
      else if (this.objects !== isObject)
        this.json.fail(
          offset,
          `row ${this.element} is ${isObject ? 'an object' : 'an array'}, the rows before it ${isObject ? 'arrays' : 'objects'}`,
          TABLE_HINT,
        );
      this.rowStart = offset;
      this.rowLine = this.json.lineOf(offset);
      this.cells = [];
      if (this.header) this.cells = new Array(this.header.length).fill('');
      return;
    }
    if (depth > row)
      this.json.fail(
        offset,
        `row ${this.element}: a cell is ${isObject ? 'an object' : 'an array'}: the table would nest ${depth} deep, where ${row} is the most`,
        TABLE_HINT,
      );
  }

  close(depth: number): void {
    if (this.listDepth === 0 || this.listDone) return;
    if (depth === this.listDepth) {
      this.listDone = true;
      return;
    }
    if (depth !== this.listDepth + 1) return;
    if (this.objects && !this.header) {
      this.header = this.cells;
      for (const [i, k] of this.header.entries()) this.columns.set(k, i);
      this.onRow(this.header, this.rowLine);
      this.cells = this.pending;
      this.pending = [];
    }
    this.onRow(this.cells, this.rowLine);
  }

  /** The first object's values, kept while its keys become the header. */
  private pending: string[] = [];

  key(name: string, depth: number, offset: number): void {
    if (this.listDepth === 0) {
      if (depth === 1) this.member = name;
      return;
    }
    if (this.listDone || depth !== this.listDepth + 1) return;
    this.checkSize(offset);
    if (!this.header) {
      if (this.columns.has(name)) this.twice(name, offset);
      this.columns.set(name, this.cells.length);
      this.cells.push(name);
      return;
    }
    const column = this.columns.get(name);
    if (column === undefined)
      this.json.fail(
        offset,
        `row ${this.element} has the field ${JSON.stringify(name)}, which the first row has not`,
        `every object of a table needs the first one's fields: ${this.header
          .slice(0, 8)
          .map((k) => JSON.stringify(k))
          .join(', ')}${this.header.length > 8 ? ', ...' : ''}`,
      );
    if (this.seen[column] === this.element) this.twice(name, offset);
    this.seen[column] = this.element;
    this.column = column;
  }

  /** For each column, the last row that gave it a value (a key twice in one object is an error). */
  private readonly seen: number[] = [];

  scalar(text: string, _isString: boolean, depth: number, offset: number): void {
    if (this.listDepth === 0) {
      if (depth === 0) this.noTable(offset);
      if (depth === 1) this.member = undefined;
      return;
    }
    if (this.listDone) return;
    if (depth === this.listDepth) {
      this.element++;
      this.json.fail(
        offset,
        `element ${this.element} of the table is not ${this.objects ? 'an object' : 'an array'}: expected a table, header first`,
        TABLE_HINT,
      );
    }
    if (depth !== this.listDepth + 1) return;
    this.checkSize(offset);
    if (!this.objects) this.cells.push(text);
    else if (!this.header) this.pending.push(text);
    else this.cells[this.column] = text;
  }

  private checkSize(offset: number): void {
    if (offset - this.rowStart > MAX_RECORD_BYTES)
      this.json.fail(this.rowStart, `row ${this.element} is longer than ${MAX_RECORD_BYTES / 2 ** 20} MiB`);
  }

  private twice(name: string, offset: number): never {
    this.json.fail(offset, `row ${this.element} has the field ${JSON.stringify(name)} twice`);
  }

  private noTable(offset: number): never {
    this.json.fail(offset, 'expected a JSON array of arrays or of objects', TABLE_HINT);
  }
}
