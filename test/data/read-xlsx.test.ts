import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { InputSource } from '../../src/data/inputs.js';
import { isZip, readXlsxSheets, type SheetRow } from '../../src/data/read-xlsx.js';
import { InputError } from '../../src/errors.js';
import { zip } from '../zip-writer.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/xlsx/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REAL = join(
  resolve(process.env.KORUS_REAL_DIR ?? join(ROOT, '../shared/reference/real')),
  'dataweb-xlsx-exports-china-hs2-2023/DataWeb-Query-Export.xlsx',
);

/** An input over `bytes`, handed out in chunks of `size` (0: one chunk), counting what was handed out. */
function bufferInput(name: string, bytes: Buffer, size = 0) {
  const stats = { handedOut: 0, opened: 0, closed: 0 };
  const input: InputSource = {
    name,
    size: bytes.length,
    async *open() {
      stats.opened++;
      try {
        const step = size > 0 ? size : Math.max(bytes.length, 1);
        for (let i = 0; i < bytes.length; i += step) {
          const chunk = bytes.subarray(i, i + step);
          stats.handedOut += chunk.length;
          yield chunk;
        }
      } finally {
        stats.closed++;
      }
    },
  };
  return { input, stats };
}

async function fixture(name: string, size = 0): Promise<InputSource> {
  return bufferInput(name, await readFile(join(FIXTURES, name)), size).input;
}

interface ReadSheet {
  name: string;
  rows: [number, string[]][];
}

async function readAll(input: InputSource): Promise<ReadSheet[]> {
  const out: ReadSheet[] = [];
  for await (const sheet of readXlsxSheets(input)) {
    const rows: [number, string[]][] = [];
    for await (const row of sheet.rows) rows.push([row.line, row.fields]);
    out.push({ name: sheet.name, rows });
  }
  return out;
}

async function failure(input: InputSource): Promise<InputError> {
  try {
    await readAll(input);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected the read to fail');
}

const KNIT = 'ARTICLES OF APPAREL AND CLOTHING ACCESSORIES, KNITTED OR CROCHETED';
const WOVEN = 'ARTICLES OF APPAREL AND CLOTHING ACCESSORIES, NOT KNITTED OR CROCHETED';

// ---------------------------------------------------------------------------------------------------
// Workbooks made here: a small ZIP writer (../zip-writer.ts), and Apache POI-style parts (inline strings, parts in POI's
// order: sharedStrings.xml, styles.xml, workbook.xml and its rels ahead of the worksheets).

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const STYLES = `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="true"/><xf numFmtId="165" applyNumberFormat="true"/></cellXfs></styleSheet>`;

interface PoiSheet {
  name: string;
  /** The <sheetData> content. */
  data: string;
  /** Where the worksheet is stored (xl/worksheets/sheetN.xml by default) and the rels Target for it. */
  part?: string;
  target?: string;
}

function poiWorkbook(
  sheets: PoiSheet[],
  options: { sst?: string; order?: 'poi' | 'workbook-last' } = {},
): Buffer {
  const parts = sheets.map((s, i) => s.part ?? `xl/worksheets/sheet${i + 1}.xml`);
  const workbook: [string, string] = [
    'xl/workbook.xml',
    `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
      .map((s, i) => `<sheet name="${s.name.replace(/&/g, '&amp;')}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`)
      .join('')}</sheets></workbook>`,
  ];
  const head: [string, string][] = [
    [
      '_rels/.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    ['xl/sharedStrings.xml', options.sst ?? `<sst xmlns="${MAIN}" count="0" uniqueCount="0"/>`],
    ['xl/styles.xml', STYLES],
    [
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>${sheets
        .map(
          (s, i) =>
            `<Relationship Id="rId${i + 3}" Type="${REL}/worksheet" Target="${s.target ?? parts[i]?.replace(/^xl\//, '')}"/>`,
        )
        .join('')}</Relationships>`,
    ],
  ];
  const worksheets: [string, string][] = sheets.map((s, i) => [
    parts[i] ?? '',
    `<worksheet xmlns="${MAIN}"><sheetData>${s.data}</sheetData></worksheet>`,
  ]);
  return zip(
    options.order === 'workbook-last'
      ? [...head, ...worksheets, workbook]
      : [...head.slice(0, 3), workbook, ...head.slice(3), ...worksheets],
  );
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

// ---------------------------------------------------------------------------------------------------

describe('isZip', () => {
  it('tells a ZIP archive by its first bytes', () => {
    expect(isZip(Buffer.from('PK\x03\x04rest', 'latin1'))).toBe(true);
    expect(isZip(Buffer.from('PK\x05\x06', 'latin1'))).toBe(true);
    expect(isZip(Buffer.from('PK', 'latin1'))).toBe(false);
    expect(isZip(Buffer.from('year,partner\n', 'utf8'))).toBe(false);
    expect(isZip(Buffer.from('d0cf11e0a1b11ae1', 'hex'))).toBe(false);
    expect(isZip(new Uint8Array())).toBe(false);
  });

  it('is true of every workbook fixture', async () => {
    for (const name of ['dataweb-exports-aggregated.xlsx', 'dataweb-imports-by-country.xlsx']) {
      expect(isZip((await readFile(join(FIXTURES, name))).subarray(0, 4))).toBe(true);
    }
  });
});

describe('readXlsxSheets: a DataWeb export written by exceljs (worksheets ahead of workbook.xml)', () => {
  it('gives the sheets by their names in workbook order, and every row exactly', async () => {
    const sheets = await readAll(await fixture('dataweb-exports-aggregated.xlsx'));
    expect(sheets.map((s) => s.name)).toEqual(['Query Parameters', 'FAS Value']);
    expect(sheets[0]?.rows).toEqual([
      [1, ['Download Date', '2024-01-10T09:18:00']],
      [2, ['Step 1: Trade Flow and Classification System']],
      [3, ['Trade Flow', 'Domestic Exports']],
      [4, ['Classification System', 'HTS Items']],
      [5, ['Step 2: Data and Years']],
      [6, ['Data To Report', 'FAS Value']],
      [7, ['Years', '2023']],
      [8, ['Timeframe Aggregation', 'Annual']],
      [9, ['Step 3: Countries']],
      [10, ['Select Type', 'Select Individual Countries']],
      [11, ['Country List', 'China']],
      [12, ['Country Aggregation', 'Aggregate Countries']],
      [13, ['Step 4: Commodities']],
      [14, ['Select Type', 'Use All Commodities']],
      [15, ['Commodity Aggregation Level', '2']],
      [16, ['Commodity Aggregation', 'Break Out Commodities']],
    ]);
    expect(sheets[1]?.rows).toEqual([
      [1, ['Domestic Exports|Annual Data']],
      [2, ['Data Row Count', '12']],
      [3, ['Data Type', 'HTS Number', 'Description', '2023']],
      [4, ['FAS Value', '01', 'LIVE ANIMALS', '28417306']],
      [
        5,
        [
          'FAS Value',
          '12',
          'OIL SEEDS AND OLEAGINOUS FRUITS; MISCELLANEOUS GRAINS, SEEDS AND FRUIT; INDUSTRIAL OR MEDICINAL PLANTS; STRAW AND FODDER',
          '15739571007',
        ],
      ],
      [6, ['FAS Value', '52', 'COTTON', '1482093556']],
      [7, ['FAS Value', '61', KNIT, '21640583']],
      [8, ['FAS Value', '62', WOVEN, '17302941']],
      [9, ['FAS Value', '64', 'FOOTWEAR, GAITERS AND THE LIKE; PARTS OF SUCH ARTICLES', '9085127']],
      [10, ['FAS Value', '72', 'IRON AND STEEL', '402716834']],
      [11, ['FAS Value', '73', 'ARTICLES OF IRON OR STEEL', '311940277']],
      [
        12,
        [
          'FAS Value',
          '84',
          'NUCLEAR REACTORS, BOILERS, MACHINERY AND MECHANICAL APPLIANCES; PARTS THEREOF',
          '11927360418',
        ],
      ],
      [
        13,
        [
          'FAS Value',
          '85',
          'ELECTRICAL MACHINERY AND EQUIPMENT AND PARTS THEREOF; SOUND RECORDERS AND REPRODUCERS, TELEVISION IMAGE AND SOUND RECORDERS AND REPRODUCERS, PARTS AND ACCESSORIES OF SUCH ARTICLES',
          '12250138902',
        ],
      ],
      [
        14,
        [
          'FAS Value',
          '87',
          'VEHICLES, OTHER THAN RAILWAY OR TRAMWAY ROLLING STOCK, AND PARTS AND ACCESSORIES THEREOF',
          '7603287155',
        ],
      ],
      [15, ['FAS Value', '98', 'SPECIAL CLASSIFICATION PROVISIONS, NESOI', '2087449063']],
      [16, ['Total: ', '', '', '51,881,003,169']],
    ]);
  });

  it('keeps the Total footer as the text it is, and the values add up to it', async () => {
    const [, fas] = await readAll(await fixture('dataweb-exports-aggregated.xlsx'));
    const rows = fas?.rows ?? [];
    const data = rows.filter(([, f]) => f[0] === 'FAS Value');
    expect(data).toHaveLength(12);
    expect(rows.at(-1)?.[1]).toEqual(['Total: ', '', '', '51,881,003,169']);
    const sum = data.reduce((a, [, f]) => a + BigInt(f[3] ?? 'x'), 0n);
    expect(sum.toLocaleString('en-US')).toBe('51,881,003,169');
  });
});

describe('readXlsxSheets: a DataWeb export in Apache POI style (inline strings, Java doubles)', () => {
  const expected: ReadSheet[] = [
    {
      name: 'Query Parameters',
      rows: [
        [1, ['Download Date', '2024-01-11T14:30:00']],
        [3, ['Step 1: Trade Flow and Classification System']],
        [4, ['Trade Flow', 'General Imports']],
        [5, ['Classification System', 'HTS Items']],
        [6, ['Step 2: Data and Years']],
        [7, ['Data To Report', 'Customs Value, First Unit of Quantity']],
        [8, ['Years', '2022, 2023']],
        [9, ['Timeframe Aggregation', 'Annual']],
        [10, ['Step 3: Countries']],
        [11, ['Select Type', 'Select Individual Countries']],
        [12, ['Country List', 'Bangladesh; Korea, South; Vietnam']],
        [13, ['Country Aggregation', 'Break Out Countries']],
        [14, ['Step 4: Commodities']],
        [15, ['Select Type', 'Select Individual Commodities']],
        [16, ['Commodity List', '61, 62']],
        [17, ['Commodity Aggregation Level', '2']],
        [18, ['Commodity Aggregation', 'Break Out Commodities']],
        [19, ['Step 8: Report Layout']],
        [20, ['Column Order', 'COUNTRY & HTS2 & DESCRIPTION']],
      ],
    },
    {
      name: 'Customs Value',
      rows: [
        [1, ['General Imports|Annual Data']],
        [2, ['Data Row Count', '6']],
        [3, ['Data Type', 'Country', 'HTS Number', 'Description', '2022', '2023']],
        [4, ['Customs Value', 'Bangladesh', '61', KNIT, '3106482117', '2544907380']],
        [5, ['Customs Value', 'Bangladesh', '62', WOVEN, '5264310925', '4521876033']],
        [6, ['Customs Value', 'Korea, South', '61', KNIT, '44871206', '39262518']],
        [7, ['Customs Value', 'Korea, South', '62', WOVEN, '', '27654190']],
        [8, ['Customs Value', 'Vietnam', '61', KNIT, '9127503864', '7942118275']],
        [9, ['Customs Value', 'Vietnam', '62', WOVEN, '6985420731', '6210337468']],
        [10, ['Total: ', '', '', '', '24,528,588,843', '21,286,155,864']],
      ],
    },
    {
      name: 'First Unit of Quantity',
      rows: [
        [1, ['General Imports|Annual Data']],
        [2, ['Data Row Count', '6']],
        [3, ['Data Type', 'Country', 'HTS Number', 'Description', 'Quantity Description', '2022', '2023']],
        [4, ['First Unit of Quantity', 'Bangladesh', '61', KNIT, 'dozens', '318455120', '262904871']],
        [5, ['First Unit of Quantity', 'Bangladesh', '62', WOVEN, 'dozens', '211683945', '184530662']],
        [6, ['First Unit of Quantity', 'Korea, South', '61', KNIT, 'dozens', '1284316', '1102975']],
        [7, ['First Unit of Quantity', 'Korea, South', '62', WOVEN, 'dozens', '608432']],
        [8, ['First Unit of Quantity', 'Vietnam', '61', KNIT, 'dozens', '401876552', '355209184']],
        [9, ['First Unit of Quantity', 'Vietnam', '62', WOVEN, 'dozens', '198765430', '176540219']],
        [10, ['Total: ', '', '', '', '', '1,132,673,795', '980,287,911']],
      ],
    },
  ];

  it('gives the three sheets by name and every row exactly (an empty cell as "", a missing last one left off)', async () => {
    expect(await readAll(await fixture('dataweb-imports-by-country.xlsx'))).toEqual(expected);
  });

  it('reads the same whatever the chunks the bytes come in', async () => {
    for (const size of [1, 7, 100, 4096]) {
      expect(await readAll(await fixture('dataweb-imports-by-country.xlsx', size)), `size ${size}`).toEqual(
        expected,
      );
    }
  });

  it('numbers the rows as the sheet does: an empty row is not given and leaves a gap', () => {
    expect(expected[0]?.rows.slice(0, 2).map(([line]) => line)).toEqual([1, 3]);
  });

  it('writes numbers stored as 3.106482117E9 in plain decimals, and the totals add up', async () => {
    const [, value, quantity] = await readAll(await fixture('dataweb-imports-by-country.xlsx'));
    for (const sheet of [value, quantity]) {
      const rows = sheet?.rows ?? [];
      const header = rows[2]?.[1] ?? [];
      const years = [header.indexOf('2022'), header.indexOf('2023')];
      const data = rows.slice(3, -1).map(([, f]) => f);
      const total = rows.at(-1)?.[1] ?? [];
      for (const col of years) {
        for (const f of data) expect(f[col] ?? '').toMatch(/^(\d+)?$/);
        const sum = data.reduce((a, f) => a + BigInt(f[col] || '0'), 0n);
        expect(sum.toLocaleString('en-US')).toBe(total[col]);
      }
    }
  });
});

describe('readXlsxSheets: cell text', () => {
  it('writes numbers without exponents, and booleans, errors, formulas, dates and rich text as text', async () => {
    const sst = `<sst xmlns="${MAIN}" count="2" uniqueCount="2"><si><r><t xml:space="preserve">Korea, </t></r><r><rPr><b/></rPr><t>South</t></r></si><si><t>plain &amp; simple</t></si></sst>`;
    const data = [
      '<row r="1"><c r="A1" t="n"><v>3.1289669E7</v></c><c r="B1"><v>1.0E-7</v></c><c r="C1"><v>1.0E21</v></c><c r="D1"><v>-2.5E-8</v></c><c r="E1"><v>0.30000000000000004</v></c><c r="F1"><v>123.0</v></c><c r="G1"><v>-0</v></c></row>',
      '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#N/A</v></c><c r="D2" t="e"><v>#DIV/0!</v></c></row>',
      `<row r="3">${inline('A3', 'one_x000D__x000A_two')}<c r="B3" t="str"><f>A1&amp;""</f><v>31289669</v></c><c r="C3"><f>1+1</f><v>2</v></c><c r="D3" t="e"><f>NA()</f><v>#N/A</v></c><c r="E3"><f>SUM(A1)</f></c></row>`,
      '<row r="4"><c r="A4"><f>0*1</f><v>0</v></c><c r="B4"><f t="shared" ref="B4:C4" si="0">A4+7</f><v>7</v></c><c r="C4"><f t="shared" si="0"/><v>0</v></c><c r="D4" t="b"><f>TRUE()</f><v>1</v></c></row>',
      `<row r="5">${inline('C5', 'gap')}</row>`,
      '<row r="6"><c r="A6" s="1"><v>45301</v></c><c r="B6" s="2"><v>45301.5</v></c><c r="C6" s="1"><f>A6+1</f><v>45302</v></c><c r="D6" s="2"><v>45301.000011574074</v></c></row>',
      '<row r="7"><c r="A7" t="s"><v>0</v></c><c r="B7" t="s"><v>1</v></c></row>',
      '<row r="8"><c r="A8" t="inlineStr"><is><t xml:space="preserve">  spaced  </t></is></c><c r="B8" t="inlineStr"><is><t></t></is></c></row>',
      '<row r="9"><c r="A9" s="1"/><c r="B9" t="inlineStr"><is><t></t></is></c></row>',
    ].join('\n');
    const book = poiWorkbook([{ name: 'Cells & Co', data, target: '/xl/worksheets/sheet1.xml' }], { sst });
    const [sheet] = await readAll(bufferInput('cells.xlsx', book).input);
    // A rels Target written as an absolute path: exceljs alone would call this sheet "Sheet1".
    expect(sheet?.name).toBe('Cells & Co');
    expect(sheet?.rows).toEqual([
      [
        1,
        [
          '31289669',
          '0.0000001',
          '1000000000000000000000',
          '-0.000000025',
          '0.30000000000000004',
          '123',
          '0',
        ],
      ],
      [2, ['TRUE', 'FALSE', '#N/A', '#DIV/0!']],
      // exceljs keeps no text for a formula's cached error: it reads "#ERROR".
      [3, ['one\r\ntwo', '31289669', '2', '#ERROR']],
      // A cached 0, shared formulas; a cached boolean comes as 1 (exceljs reads it with parseFloat).
      [4, ['0', '7', '0', '1']],
      [5, ['', '', 'gap']],
      [6, ['2024-01-10', '2024-01-10T12:00:00', '2024-01-11', '2024-01-10T00:00:01']],
      [7, ['Korea, South', 'plain & simple']],
      [8, ['  spaced  ']],
    ]);
  });

  it('writes what exceljs writes: big and tiny numbers, dates, booleans, errors, rich text, formulas', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Made by exceljs');
    ws.addRow([
      31289669,
      15739571007,
      2 ** 70,
      1.5e-7,
      -123.25,
      true,
      { error: '#N/A' },
      { richText: [{ text: 'Viet' }, { text: 'nam', font: { bold: true } }] },
      { formula: 'A1*2', result: 62579338 },
      { formula: 'LEFT("abc",1)', result: 'a' },
      new Date(Date.UTC(2023, 11, 31)),
      new Date(Date.UTC(2023, 11, 31, 23, 59, 58, 500)),
    ]);
    ws.getCell('K1').numFmt = 'yyyy-mm-dd';
    ws.getCell('L1').numFmt = 'yyyy-mm-dd hh:mm:ss';
    ws.getCell('C3').value = 'after a gap';
    const book = Buffer.from(await wb.xlsx.writeBuffer());
    const [sheet] = await readAll(bufferInput('exceljs.xlsx', book).input);
    expect(sheet?.name).toBe('Made by exceljs');
    expect(sheet?.rows).toEqual([
      [
        1,
        [
          '31289669',
          '15739571007',
          '1180591620717411300000',
          '0.00000015',
          '-123.25',
          'TRUE',
          '#N/A',
          'Vietnam',
          '62579338',
          'a',
          '2023-12-31',
          '2023-12-31T23:59:58.500',
        ],
      ],
      [3, ['', '', 'after a gap']],
    ]);
  });
});

describe('readXlsxSheets: streaming', () => {
  /** A POI-style workbook with a big second sheet: the Query Parameters, then `rows` data rows. */
  function bigWorkbook(rows: number): Buffer {
    const data: string[] = [];
    for (let r = 1; r <= rows; r++) {
      data.push(
        `<row r="${r}">${inline(`A${r}`, 'FAS Value')}${inline(`B${r}`, String(r % 100).padStart(2, '0'))}${inline(
          `C${r}`,
          `DESCRIPTION OF ROW ${r}`,
        )}<c r="D${r}" t="n"><v>${(r * 7919).toExponential().replace('e+', 'E')}</v></c></row>\n`,
      );
    }
    return poiWorkbook([
      {
        name: 'Query Parameters',
        data: `<row r="1">${inline('A1', 'Trade Flow')}${inline('B1', 'Exports')}</row>`,
      },
      { name: 'FAS Value', data: data.join('') },
    ]);
  }

  it('gives rows while the file is still being read, not once it is all read', async () => {
    const rows = 60_000;
    const book = bigWorkbook(rows);
    const { input, stats } = bufferInput('big.xlsx', book, 4096);
    const seen: number[] = [];
    let count = 0;
    let last: SheetRow | undefined;
    let sum = 0;
    for await (const sheet of readXlsxSheets(input)) {
      for await (const row of sheet.rows) {
        if (sheet.name !== 'FAS Value') continue;
        if (row.line === 1 || row.line === rows / 2) seen.push(stats.handedOut);
        count++;
        sum += Number(row.fields[3]);
        last = row;
      }
    }
    expect(count).toBe(rows);
    expect(last).toEqual({
      line: rows,
      fields: ['FAS Value', '00', `DESCRIPTION OF ROW ${rows}`, String(rows * 7919)],
    });
    expect(sum).toBe((7919 * rows * (rows + 1)) / 2);
    // The first row came when a small part of the file had been read, the middle one about half way.
    expect(book.length).toBeGreaterThan(1 << 20);
    expect(seen[0]).toBeLessThan(256 << 10);
    expect(seen[1]).toBeLessThan(book.length * 0.75);
    expect(stats.closed).toBe(1);
  });

  it('lets a sheet be skipped, or left half read, and goes on with the next', async () => {
    const input = await fixture('dataweb-imports-by-country.xlsx', 64);
    const names: string[] = [];
    const firsts: string[][] = [];
    for await (const sheet of readXlsxSheets(input)) {
      names.push(sheet.name);
      if (sheet.name === 'Query Parameters') continue; // not read at all
      for await (const row of sheet.rows) {
        firsts.push(row.fields);
        break; // one row only
      }
    }
    expect(names).toEqual(['Query Parameters', 'Customs Value', 'First Unit of Quantity']);
    expect(firsts).toEqual([['General Imports|Annual Data'], ['General Imports|Annual Data']]);
  });

  it("reads a sheet's rows only once", async () => {
    const sheets = readXlsxSheets(await fixture('dataweb-imports-by-country.xlsx'));
    const first = await sheets.next();
    if (first.done) throw new Error('no sheet');
    for await (const _ of first.value.rows) break;
    expect(() => first.value.rows[Symbol.asyncIterator]()).toThrow(/can be read only once/);
    const second = await sheets.next();
    expect(second.done).toBe(false);
    await sheets.return(undefined);
  });

  it('stops reading the file when the sheets are left early', async () => {
    const book = bigWorkbook(20_000);
    const { input, stats } = bufferInput('big.xlsx', book, 4096);
    for await (const sheet of readXlsxSheets(input)) {
      for await (const _ of sheet.rows) break;
      break;
    }
    expect(stats.closed).toBe(1);
    expect(stats.handedOut).toBeLessThan(book.length / 4);
  });

  it('reads the rows of an earlier sheet only while it is the current one', async () => {
    const sheets = readXlsxSheets(await fixture('dataweb-exports-aggregated.xlsx'));
    const first = await sheets.next();
    if (first.done) throw new Error('no sheet');
    const rows = first.value.rows[Symbol.asyncIterator]();
    expect((await rows.next()).value).toEqual({ line: 1, fields: ['Download Date', '2024-01-10T09:18:00'] });
    await sheets.next();
    await expect(rows.next()).rejects.toThrow(/asked for after the next sheet/);
    await sheets.return(undefined);
  });
});

describe('readXlsxSheets: files that are no readable workbook', () => {
  it('a ZIP archive of other files: what its first entry is, and to unzip it (in one chunk or many)', async () => {
    for (const size of [0, 7, 31]) {
      const err = await failure(await fixture('not-a-workbook.xlsx', size));
      expect(err.code).toBe('unreadable');
      expect(err.location).toEqual({ file: 'not-a-workbook.xlsx' });
      expect(err.detail).toBe(
        'a ZIP archive holding readme.txt, not an .xlsx workbook; unzip it first (unzip not-a-workbook.xlsx)',
      );
    }
  });

  it('a ZIP archive that starts as a workbook does, without xl/workbook.xml', async () => {
    const bytes = zip([['[Content_Types].xml', '<Types/>']]);
    const err = await failure(bufferInput('parts.xlsx', bytes).input);
    expect(err.code).toBe('not-csv');
    expect(err.detail).toBe('not a readable .xlsx workbook (no xl/workbook.xml in the ZIP archive)');
  });

  it('an OpenDocument spreadsheet is called one', async () => {
    const bytes = zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet']]);
    const err = await failure(bufferInput('book.ods', bytes).input);
    expect(err.detail).toBe('not a readable .xlsx workbook (an OpenDocument file (.ods))');
  });

  it('a file cut short, in one chunk or many', async () => {
    for (const size of [0, 100]) {
      const err = await failure(await fixture('truncated.xlsx', size));
      expect(err.detail).toBe(
        'not a readable .xlsx workbook (the ZIP archive ends early: the file is cut short)',
      );
    }
  });

  it('a POI-style file cut short in its last worksheet, after the rows before the cut', async () => {
    const whole = await readFile(join(FIXTURES, 'dataweb-imports-by-country.xlsx'));
    for (const size of [0, 100]) {
      // The last 1,200 bytes: the central directory (737) and the end of the last worksheet.
      const { input } = bufferInput('cut.xlsx', whole.subarray(0, whole.length - 1200), size);
      const names: string[] = [];
      let rows = 0;
      const err = await (async () => {
        try {
          for await (const sheet of readXlsxSheets(input)) {
            names.push(sheet.name);
            for await (const _ of sheet.rows) rows++;
          }
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).detail).toBe(
        'not a readable .xlsx workbook (the ZIP archive ends early: the file is cut short)',
      );
      expect(names.slice(0, 2)).toEqual(['Query Parameters', 'Customs Value']);
      expect(rows).toBeGreaterThanOrEqual(29);
    }
  });

  it('a workbook saved with a password', async () => {
    const err = await failure(await fixture('password-protected.xlsx'));
    expect(err.code).toBe('not-csv');
    expect(err.detail).toBe('not a readable .xlsx workbook (it is encrypted with a password)');
    expect(err.hint).toMatch(/without a password/);
  });

  it('an OLE2 file that is not an encrypted package (an old .xls)', async () => {
    const xls = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(2048)]);
    const err = await failure(bufferInput('old.xls', xls).input);
    expect(err.detail).toMatch(/OLE2 compound file: an old-format \.xls workbook/);
  });

  it('a CSV file, and an empty file', async () => {
    const csv = await failure(bufferInput('data.xlsx', Buffer.from('year,partner,value\n2023,KR,1\n')).input);
    expect(csv.detail).toBe('not a readable .xlsx workbook (not a ZIP archive)');
    const empty = await failure(bufferInput('empty.xlsx', Buffer.alloc(0)).input);
    expect(empty.detail).toBe('not a readable .xlsx workbook (the file is empty)');
  });

  it('a worksheet stored where exceljs does not look, and worksheets ahead of workbook.xml', async () => {
    const odd = poiWorkbook([{ name: 'Data', data: '', part: 'xl/worksheets/data.xml' }]);
    expect((await failure(bufferInput('odd.xlsx', odd).input)).detail).toMatch(
      /its worksheet "Data" is stored as xl\/worksheets\/data\.xml, which exceljs does not read/,
    );
    const late = poiWorkbook([{ name: 'Data', data: `<row r="1">${inline('A1', 'x')}</row>` }], {
      order: 'workbook-last',
    });
    expect((await failure(bufferInput('late.xlsx', late).input)).detail).toBe(
      'not a readable .xlsx workbook (no xl/workbook.xml ahead of its worksheets)',
    );
  });

  it('malformed XML in a worksheet', async () => {
    const bad = poiWorkbook([{ name: 'Data', data: '<row r="1"><c r="A1"><v>1</v></row>' }]);
    expect((await failure(bufferInput('bad.xlsx', bad).input)).detail).toMatch(
      /^not a readable \.xlsx workbook \(malformed XML: \d+:\d+: /,
    );
  });

  it("passes on the input's own read error, and does not wait for more bytes", async () => {
    const whole = await readFile(join(FIXTURES, 'dataweb-imports-by-country.xlsx'));
    const failing = new InputError({ file: 'x.xlsx' }, 'cannot read (EIO)');
    const input: InputSource = {
      name: 'x.xlsx',
      async *open() {
        yield whole.subarray(0, 3000);
        throw failing;
      },
    };
    await expect(readAll(input)).rejects.toBe(failing);
  });
});

describe.skipIf(!existsSync(REAL))('readXlsxSheets: the real DataWeb export (shared/reference/real)', () => {
  it('reads its two sheets, 97 rows of HS chapters that add up to the Total footer', async () => {
    const sheets = await readAll(bufferInput('DataWeb-Query-Export.xlsx', await readFile(REAL)).input);
    expect(sheets.map((s) => s.name)).toEqual(['Query Parameters', 'FAS Value']);
    const params = sheets[0]?.rows ?? [];
    expect(params[0]).toEqual([1, ['Download Date', '2025-04-05T01:54:23.553']]);
    expect(params).toContainEqual([13, ['Country List', 'China']]);
    expect(params).toContainEqual([32, ['Column Order', 'HTS2 & DESCRIPTION']]);
    const rows = sheets[1]?.rows ?? [];
    expect(rows.slice(0, 3)).toEqual([
      [1, ['Domestic Exports|Annual Data']],
      [2, ['Data Row Count', '97']],
      [3, ['Data Type', 'HTS Number', 'Description', '2023']],
    ]);
    const totalAt = rows.findIndex(([, f]) => f[0] === 'Total: ');
    const data = rows.slice(3, totalAt);
    expect(data).toHaveLength(97);
    expect(data[0]).toEqual([4, ['FAS Value', '01', 'LIVE ANIMALS', '31289669']]);
    expect(rows[totalAt]).toEqual([101, ['Total: ', '', '', '125,801,943,398']]);
    for (const [, f] of data) expect(f[3]).toMatch(/^\d+$/);
    expect(data.reduce((a, [, f]) => a + BigInt(f[3] ?? 'x'), 0n)).toBe(125801943398n);
  });
});
