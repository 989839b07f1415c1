import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES } from '../../src/data/csv-dialect.js';
import { InputError } from '../../src/errors.js';
import {
  CHUNK_SIZES,
  currentReader,
  memoryInput,
  READERS,
  type ReaderName,
  type ReadOutcome,
  readAll,
  useReader,
} from './helpers.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const cat = (...parts: (string | number[] | Buffer)[]): Buffer =>
  Buffer.concat(
    parts.map((p) =>
      typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.isBuffer(p) ? p : Buffer.from(p),
    ),
  );

/** Reads `buf` as one chunk and in tiny chunks, asserts every read gives the same outcome, and returns it. */
async function readEvery(buf: Buffer | string, name = 't.csv', sizes = CHUNK_SIZES): Promise<ReadOutcome> {
  const whole = await readAll(memoryInput(name, buf, 0));
  for (const size of sizes) {
    const r = await readAll(memoryInput(name, buf, size));
    expect(r, `chunk size ${size}`).toEqual(whole);
  }
  return whole;
}

const lines = (r: ReadOutcome) => r.records.map((x) => [x.line, x.fields]);

describe.each(Object.keys(READERS) as ReaderName[])('%s', (reader) => {
  beforeAll(() => useReader(reader));

  describe('readCsvRecords: records and line numbers', () => {
    it('reads a simple file', async () => {
      const r = await readEvery('year,partner,value\n2023,KR,100\n2023,MX,200\n');
      expect(lines(r)).toEqual([
        [1, ['year', 'partner', 'value']],
        [2, ['2023', 'KR', '100']],
        [3, ['2023', 'MX', '200']],
      ]);
      expect(r.error).toBeUndefined();
    });

    it('reads a file without a final line break', async () => {
      const r = await readEvery('a,b\n1,2');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ]);
    });

    it('keeps every cell a string (no casting: "0101" stays "0101")', async () => {
      const r = await readEvery('code,year\n0101,22\n');
      expect(r.records[1]?.fields).toEqual(['0101', '22']);
    });

    it('strips a UTF-8 BOM from the first header', async () => {
      const r = await readEvery(cat(BOM, 'partner,value\nKR,1\n'));
      expect(r.records[0]?.fields).toEqual(['partner', 'value']);
      expect(r.records[1]?.line).toBe(2);
    });

    it('strips a BOM before a quoted first header', async () => {
      const r = await readEvery(cat(BOM, '"partner",value\n"Korea, South",1\n'));
      expect(lines(r)).toEqual([
        [1, ['partner', 'value']],
        [2, ['Korea, South', '1']],
      ]);
      expect(r.error).toBeUndefined();
    });

    it('handles CRLF endings without leaving \\r in the last field', async () => {
      const r = await readEvery('a,b\r\n1,1500\r\n2,2500\r\n');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['1', '1500']],
        [3, ['2', '2500']],
      ]);
    });

    it('handles an LF header followed by CRLF rows (mixed endings)', async () => {
      const r = await readEvery('a,b\n1,1500\r\n2,2500\r\n3,3500\n');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['1', '1500']],
        [3, ['2', '2500']],
        [4, ['3', '3500']],
      ]);
    });

    it('handles CR-only endings (old Mac files)', async () => {
      const r = await readEvery('a,b\r1,2\r3,4\r');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['1', '2']],
        [3, ['3', '4']],
      ]);
    });

    it('handles LF, CRLF and CR mixed in one file', async () => {
      const r = await readEvery('h1,h2\n1,2\r\n3,4\r5,6\n7,8');
      expect(lines(r)).toEqual([
        [1, ['h1', 'h2']],
        [2, ['1', '2']],
        [3, ['3', '4']],
        [4, ['5', '6']],
        [5, ['7', '8']],
      ]);
    });

    it('counts a CRLF inside a quoted field once', async () => {
      const r = await readEvery('a,b\r\n"x\r\ny",2\r\n3,4\r\n"p\r\nq\r\nr",5\r\n6,7\r\n');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['x\r\ny', '2']],
        [4, ['3', '4']],
        [5, ['p\r\nq\r\nr', '5']],
        [8, ['6', '7']],
      ]);
    });

    it('counts LF and CR inside quoted fields', async () => {
      const r = await readEvery('a,b\n"x\ny",1\n"p\rq",2\n3,4\n');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['x\ny', '1']],
        [4, ['p\rq', '2']],
        [6, ['3', '4']],
      ]);
    });

    it('yields blank lines as records at their own lines', async () => {
      const r = await readEvery('a,b\r\n"x\r\ny",2\n\n3,4\r5,"é"');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['x\r\ny', '2']],
        [4, ['']],
        [5, ['3', '4']],
        [6, ['5', 'é']],
      ]);
    });

    it('yields trailing blank lines without error', async () => {
      const r = await readEvery('a,b\n1,2\n\n\n');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['1', '2']],
        [3, ['']],
        [4, ['']],
      ]);
      expect(r.error).toBeUndefined();
    });

    it('keeps ragged rows as they are (the caller checks row length)', async () => {
      const r = await readEvery('a,b,c\n1,2\n1,2,3,4\n');
      expect(r.records.map((x) => x.fields.length)).toEqual([3, 2, 4]);
      expect(r.error).toBeUndefined();
    });

    it('keeps multi-byte text and counts lines by bytes correctly after it', async () => {
      const r = await readEvery('a,b\nüé€𝄞,"Côte\r\nd’Ivoire"\n😀,x\n"ʤ",y');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['üé€𝄞', 'Côte\r\nd’Ivoire']],
        [4, ['😀', 'x']],
        [5, ['ʤ', 'y']],
      ]);
    });

    it('reads an empty input as no records, without error', async () => {
      const r = await readEvery('');
      expect(r).toEqual({ records: [] });
    });

    it('reads a BOM-only input as no records', async () => {
      const r = await readEvery(BOM);
      expect(r).toEqual({ records: [] });
    });

    it('uses the configured delimiter', async () => {
      const r = await readAll(memoryInput('t.csv', 'a;b\n1,5;2\n'), { delimiter: ';', encoding: 'utf8' });
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['1,5', '2']],
      ]);
    });

    it('decodes a declared latin1 file', async () => {
      const buf = Buffer.from("partner,value\nC\xf4te d'Ivoire,1\n", 'latin1');
      const r = await readAll(memoryInput('t.csv', buf, 2), { delimiter: ',', encoding: 'latin1' });
      expect(r.records[1]?.fields).toEqual(["Côte d'Ivoire", '1']);
      expect(r.error).toBeUndefined();
    });

    it('decodes UTF-16LE by its BOM, with correct line numbers', async () => {
      const buf = cat([0xff, 0xfe], Buffer.from('a,b\r\n"x\r\ny",1\r\nü,2\r\n', 'utf16le'));
      const r = await readEvery(buf);
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['x\r\ny', '1']],
        [4, ['ü', '2']],
      ]);
    });

    it('tells the encoding found through meta (a UTF-16 BOM switches it)', async () => {
      const utf16 = cat([0xff, 0xfe], Buffer.from('a,b\n1,2\n', 'utf16le'));
      const meta = { encoding: 'unset' };
      const records: string[][] = [];
      for await (const r of currentReader()(
        memoryInput('u.csv', utf16, 3),
        { delimiter: ',', encoding: 'utf8' },
        meta,
      ))
        records.push(r.fields);
      expect(records).toEqual([
        ['a', 'b'],
        ['1', '2'],
      ]);
      expect(meta.encoding).toBe('utf16le');

      const plain = { encoding: 'unset' };
      for await (const _ of currentReader()(
        memoryInput('p.csv', 'a\n1\n'),
        { delimiter: ',', encoding: 'utf8' },
        plain,
      )) {
        // read through
      }
      expect(plain.encoding).toBe('utf8');
    });

    it('stops cleanly when the consumer stops early', async () => {
      const body = `a,b\n${'1,2\n'.repeat(5000)}`;
      const seen: number[] = [];
      for await (const rec of currentReader()(memoryInput('t.csv', body, 7), {
        delimiter: ',',
        encoding: 'utf8',
      })) {
        seen.push(rec.line);
        if (seen.length === 3) break;
      }
      expect(seen).toEqual([1, 2, 3]);
    });

    it('reads many lines with true line numbers', async () => {
      const rows = Array.from({ length: 2000 }, (_, i) => `${i},"v\r\n${i}"`);
      const body = `n,v\r\n${rows.join('\r\n')}\r\n`;
      const r = await readAll(memoryInput('t.csv', body, 1000));
      expect(r.records).toHaveLength(2001);
      expect(r.records[1]?.line).toBe(2);
      expect(r.records[2000]?.line).toBe(2 + 2 * 1999);
      expect(r.records[2000]?.fields).toEqual(['1999', 'v\r\n1999']);
    });
  });

  describe('readCsvRecords: errors, in order, at the line where they are', () => {
    it('an unclosed quote is reported at the line where the record starts, after the records before it', async () => {
      const r = await readEvery('a,b\n1,2\n"3\n,4\n5,6\n', 'q.csv');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ]);
      expect(r.error?.name).toBe('InputError');
      expect(r.error?.syntax).toBe('CSV_QUOTE_NOT_CLOSED');
      expect(r.error?.message).toMatch(/^q\.csv:3(:\d+)?: a quoted field is never closed/);
      expect(r.error?.location).toMatchObject({ file: 'q.csv', line: 3 });
    });

    it('an unclosed quote after a CRLF inside quotes still has the right line', async () => {
      const r = await readEvery('a,b\r\n"x\r\ny",1\r\n2,"open\r\n3,4\r\n');
      expect(r.records.map((x) => x.line)).toEqual([1, 2]);
      expect(r.error?.location).toMatchObject({ line: 4 });
    });

    it('a stray quote inside an unquoted field', async () => {
      const r = await readEvery('a,b\n1,2\n1,x"y\n5,6\n', 's.csv');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ]);
      expect(r.error?.syntax).toBe('INVALID_OPENING_QUOTE');
      expect(r.error?.message).toMatch(/^s\.csv:3(:\d+)?: a " inside an unquoted field/);
      expect(r.error?.location).toEqual({ file: 's.csv', line: 3, column: 2 });
    });

    it('text after a closing quote', async () => {
      const r = await readEvery('a,b\n1,2\n1,"x"y\n', 'c.csv');
      expect(r.records).toHaveLength(2);
      expect(r.error?.syntax).toBe('CSV_INVALID_CLOSING_QUOTE');
      expect(r.error?.message).toMatch(/^c\.csv:3(:\d+)?: text after a closing quote/);
    });

    it('invalid UTF-8 at line 3: records before it first, then an InputError at line 3', async () => {
      const buf = cat('a,b\n1,2\n3,', [0xe9], 'x\n5,6\n');
      const r = await readEvery(buf, 'latin.csv');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ]);
      expect(r.error?.code).toBe('encoding');
      expect(r.error?.message).toBe('latin.csv:3: invalid UTF-8 (byte 0xE9)');
      expect(r.error?.hint).toContain('--encoding');
    });

    it('invalid UTF-8 at the start of a line', async () => {
      const r = await readEvery(cat('a,b\n1,2\n', [0xff], 'x\n5,6\n'), 'f.csv');
      expect(r.records.map((x) => x.line)).toEqual([1, 2]);
      expect(r.error?.message).toMatch(/^f\.csv:3: invalid UTF-8/);
    });

    it('invalid UTF-8 in the last byte of the file', async () => {
      const r = await readEvery(cat('a,b\n1,2\n3,', [0xe9]), 'e.csv');
      expect(r.records.map((x) => x.line)).toEqual([1, 2]);
      expect(r.error?.message).toMatch(/^e\.csv:3: invalid UTF-8 \(byte 0xE9\)/);
    });

    it('invalid UTF-8 in the header', async () => {
      const r = await readEvery(cat('a,', [0xe9], '\n1,2\n'), 'h.csv');
      expect(r.records).toEqual([]);
      expect(r.error?.message).toMatch(/^h\.csv:1: invalid UTF-8/);
    });

    it('invalid UTF-8 inside a multi-line quoted field is reported at its own line', async () => {
      const r = await readEvery(cat('a,b\n1,2\n3,"x\n', [0xe9], '"\n'), 'm.csv');
      expect(r.records.map((x) => x.line)).toEqual([1, 2]);
      expect(r.error?.code).toBe('encoding');
      expect(r.error?.location).toEqual({ file: 'm.csv', line: 4 });
    });

    it('invalid UTF-8 after a BOM and CRLF lines', async () => {
      const r = await readEvery(cat(BOM, 'a,b\r\n"x\r\ny",1\r\n2,', [0xc3, 0x28], '\r\n'), 'b.csv');
      expect(lines(r)).toEqual([
        [1, ['a', 'b']],
        [2, ['x\r\ny', '1']],
      ]);
      expect(r.error?.location).toEqual({ file: 'b.csv', line: 4 });
    });

    it('a NUL byte at line 3', async () => {
      const r = await readEvery('a,b\n1,2\n3\u00004\n', 'n.csv');
      expect(r.records.map((x) => x.line)).toEqual([1, 2]);
      expect(r.error?.code).toBe('not-csv');
      expect(r.error?.message).toMatch(/^n\.csv:3: NUL byte found/);
    });

    it('a ZIP file (an .xlsx renamed to .csv)', async () => {
      const r = await readEvery(cat([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0], 'junk'), 'book.csv');
      expect(r.records).toEqual([]);
      expect(r.error?.code).toBe('not-csv');
      expect(r.error?.message).toMatch(/^book\.csv:1: this is a ZIP file/);
    });

    it('UTF-16 without a BOM is caught as binary', async () => {
      const r = await readEvery(Buffer.from('a,b\n1,2\n', 'utf16le'), 'u.csv');
      expect(r.error?.message).toMatch(/^u\.csv:1: NUL byte found/);
    });

    // The first problem in the file must be the one reported (OrderedParser's purpose), at the same line
    // whatever the chunking. When a syntax error comes before an encoding problem, readCsvRecords's catch block
    // prefers the decode problem whenever the decoder has already reached it: with the file in one chunk (any
    // file under the 64 KiB read size) the later invalid byte is reported instead of the stray quote on line 2.
    it('a syntax error before invalid UTF-8 is reported first, whatever the chunking', async () => {
      const buf = cat('a,b\n1,x"y\n2,', [0xe9], '\n');
      for (const size of CHUNK_SIZES) {
        const r = await readAll(memoryInput('order.csv', buf, size));
        expect(
          r.records.map((x) => x.line),
          `chunk size ${size}`,
        ).toEqual([1]);
        expect(r.error?.syntax, `chunk size ${size}`).toBe('INVALID_OPENING_QUOTE');
        expect(r.error?.location, `chunk size ${size}`).toMatchObject({ file: 'order.csv', line: 2 });
      }
    });

    it('a syntax error far before a NUL byte is reported first when the file is one chunk', async () => {
      const buf = cat(`a,b\n1,"x"y\n${'2,3\n'.repeat(50)}`, [0x00]);
      const r = await readAll(memoryInput('far.csv', buf, 0));
      expect(r.error?.syntax).toBe('CSV_INVALID_CLOSING_QUOTE');
      expect(r.error?.location).toMatchObject({ line: 2 });
    });

    it('errors are InputErrors with exit code 2', async () => {
      let caught: unknown;
      try {
        for await (const _ of currentReader()(memoryInput('x.csv', 'a\n"b\n'), {
          delimiter: ',',
          encoding: 'utf8',
        })) {
          // read through
        }
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(InputError);
      expect((caught as InputError).exitCode).toBe(2);
    });
  });

  describe('readCsvRecords: record size bound', () => {
    const sizes = [4096, 65536, 0];

    it('a quoted record over 1 MiB is an error at its starting line', async () => {
      const body = `a,b\n1,2\n3,"${'x'.repeat(MAX_RECORD_BYTES + 10)}"\n4,5\n`;
      const r = await readEvery(body, 'big.csv', sizes);
      expect(r.records.map((x) => x.line)).toEqual([1, 2]);
      expect(r.error?.syntax).toBe('CSV_MAX_RECORD_SIZE');
      expect(r.error?.message).toMatch(/^big\.csv:3(:\d+)?: a record longer than 1024 KiB/);
    });

    it('a missing closing quote does not swallow the file: the bound stops it', async () => {
      const body = `a,b\n1,"never closed\n${'2,3\n'.repeat((MAX_RECORD_BYTES >> 2) + 100)}`;
      const r = await readEvery(body, 'open.csv', sizes);
      expect(r.records.map((x) => x.line)).toEqual([1]);
      expect(r.error?.syntax).toBe('CSV_MAX_RECORD_SIZE');
      expect(r.error?.location).toMatchObject({ file: 'open.csv', line: 2 });
    });

    it('an unquoted record over 1 MiB is an error too', async () => {
      const body = `a,b\n1,2\n3,${'x'.repeat(MAX_RECORD_BYTES + 10)}\n`;
      const r = await readEvery(body, 'big.csv', sizes);
      expect(r.records.map((x) => x.line)).toEqual([1, 2]);
      expect(r.error?.syntax).toBe('CSV_MAX_RECORD_SIZE');
      expect(r.error?.location).toMatchObject({ line: 3 });
    });

    it('a record just under the bound is read', async () => {
      const cell = 'x'.repeat(MAX_RECORD_BYTES - 100);
      const r = await readEvery(`a\n${cell}\nb\n`, 'ok.csv', sizes);
      expect(r.error).toBeUndefined();
      expect(r.records.map((x) => x.line)).toEqual([1, 2, 3]);
      expect(r.records[1]?.fields[0]?.length).toBe(cell.length);
    });
  });
});
