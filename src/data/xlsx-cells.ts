// A worksheet row's cells as text (see readXlsxSheets for what each kind of cell becomes).
import type { Cell, CellValue, Row } from 'exceljs';

/** A row's cells as text, from column A to its last non-empty cell. */
export function rowFields(row: Row, date1904: boolean): string[] {
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
