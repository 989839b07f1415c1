import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MISSING_MARKERS,
  explainBadNumber,
  type NumberFormat,
  parseDecimal,
  parseYear,
} from '../../src/data/numbers.js';

const DOT: NumberFormat = { decimal: '.' };

describe('parseDecimal: strict by default', () => {
  it.each([
    ['', 'empty cell (Number("") is 0)'],
    ['   ', 'blank cell'],
    ['1,234,567', 'thousands separators not configured (parseFloat gives 1)'],
    ['1,234', 'one thousands group'],
    ['1\u00a0234', 'no-break space inside (parseFloat gives 1)'],
    ['1\u202f234', 'narrow no-break space inside'],
    ['1 234', 'plain space inside'],
    ['15\u000000', 'NUL inside (parseFloat gives 15)'],
    ['abc', 'letters'],
    ['12abc', 'digits then letters'],
    ['1.2.3', 'two decimal points'],
    ['.', 'a lone point'],
    ['-', 'a lone sign'],
    ['+', 'a lone plus'],
    ['--5', 'two signs'],
    ['+-5', 'mixed signs'],
    ['1e', 'exponent without digits'],
    ['e5', 'exponent without mantissa'],
    ['1e5.5', 'fractional exponent'],
    ['0x10', 'hex (Number gives 16)'],
    ['0b11', 'binary (Number gives 3)'],
    ['1_000', 'numeric separator'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['$100', 'currency sign'],
    ['100%', 'percent'],
    ['(100)', 'accounting negative'],
    ['12,5', 'decimal comma not configured'],
    ['１２３', 'full-width digits'],
  ])('%j is not a number (%s)', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
    expect(parseDecimal(text, DOT, 6)).toBeUndefined();
  });

  // The doc comment of parseDecimal contrasts it with Number(), which "would take "1500\r" as 1500";
  // INPUT.md lists "1500\r" (a CRLF row read with an LF record delimiter) among the inputs that must not
  // parse. parseDecimal trims the text first, and String.prototype.trim() removes \r, so it returns 1500.
  it('"1500\\r" is not a number (a carriage return left by a wrong record delimiter)', () => {
    expect(parseDecimal('1500\r')).toBeUndefined();
  });

  it.each([
    ['0', 0],
    ['7', 7],
    ['1500', 1500],
    ['0101', 101],
    ['123.45', 123.45],
    ['5.', 5],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['+.25', 0.25],
    ['-42', -42],
    ['+42', 42],
    ['-1.5', -1.5],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1e+3', 1000],
    ['2.5e6', 2500000],
    ['1.5E-2', 0.015],
    ['-3e2', -300],
    ['.5e1', 5],
    ['12345678901234', 12345678901234],
  ])('%j is %d', (text, expected) => {
    expect(parseDecimal(text)).toBe(expected);
    expect(parseDecimal(text, DOT)).toBe(expected);
  });

  it('accepts a cell padded with spaces', () => {
    expect(parseDecimal('  42 ')).toBe(42);
    expect(parseDecimal(' -1.5 ')).toBe(-1.5);
  });

  it('never returns NaN or a non-number for plain digits', () => {
    for (let i = 0; i < 200; i++) {
      const text = String(i * 7919);
      expect(parseDecimal(text)).toBe(i * 7919);
    }
  });

  // A number that overflows a double is not a usable trade value: it would turn every sum into Infinity or
  // NaN. The contract is "number | undefined"; these are returned as Infinity and NaN.
  it('an exponent that overflows gives undefined, not Infinity', () => {
    expect(parseDecimal('1e400')).toBeUndefined();
  });
  it('an exponent too long for a double gives undefined, not NaN', () => {
    expect(parseDecimal('1e99999999999999999999999')).toBeUndefined();
  });
});

describe('parseDecimal: exact scaling', () => {
  it('scales a value in millions to dollars exactly', () => {
    expect(parseDecimal('80713.83', { decimal: '.' }, 6)).toBe(80713830000);
  });

  it('is exact where multiplying after parsing is not', () => {
    // The naive way rounds twice: 4.35 * 100 is 434.99999999999994, 1.005 * 1000 is 1004.9999999999999.
    expect(4.35 * 100).not.toBe(435);
    expect(parseDecimal('4.35', DOT, 2)).toBe(435);
    expect(1.005 * 1000).not.toBe(1005);
    expect(parseDecimal('1.005', DOT, 3)).toBe(1005);
  });

  it.each([
    ['0.07', 2, 7],
    ['1.005', 3, 1005],
    ['0.1', 1, 1],
    ['123.456', 3, 123456],
    ['4.35', 2, 435],
    ['1.1', 9, 1100000000],
    ['-2.5', 6, -2500000],
    ['1.5e2', 3, 150000],
    ['250', 3, 250000],
    ['0.000001', 6, 1],
    ['12.3456789', 6, 12345678.9],
  ])('%j at scale %d is %d', (text, scale, expected) => {
    expect(parseDecimal(text, DOT, scale)).toBe(expected);
  });

  it('scale 0 is the default', () => {
    expect(parseDecimal('80713.83', DOT)).toBe(80713.83);
    expect(parseDecimal('80713.83', DOT, 0)).toBe(80713.83);
  });
});

describe('parseDecimal: thousands separators when configured', () => {
  const comma: NumberFormat = { decimal: '.', thousands: ',' };
  it.each([
    ['1,234,567', 1234567],
    ['1,234', 1234],
    ['12,345.67', 12345.67],
    ['-1,234', -1234],
    ['+999,999', 999999],
    ['1234', 1234],
    ['999', 999],
    ['1,234.', 1234],
  ])('%j with thousands "," is %d', (text, expected) => {
    expect(parseDecimal(text, comma)).toBe(expected);
  });

  it.each([
    '12,34', // a group must have three digits
    '1,2345',
    '1234,567', // the first group has at most three digits
    ',123',
    '1,,234',
    '1,234,56',
    '1,234.5.6',
  ])('%j with thousands "," is badly grouped', (text) => {
    expect(parseDecimal(text, comma)).toBeUndefined();
  });

  it('the point stays the decimal mark when "," groups thousands', () => {
    expect(parseDecimal('1.234', comma)).toBe(1.234);
  });

  it('a space separator', () => {
    expect(parseDecimal('1 234 567', { decimal: '.', thousands: ' ' })).toBe(1234567);
    expect(parseDecimal('1 234.5', { decimal: '.', thousands: ' ' })).toBe(1234.5);
    expect(parseDecimal('12 34', { decimal: '.', thousands: ' ' })).toBeUndefined();
  });

  it('an apostrophe separator (Swiss)', () => {
    expect(parseDecimal("1'234'567.25", { decimal: '.', thousands: "'" })).toBe(1234567.25);
    expect(parseDecimal("1'23", { decimal: '.', thousands: "'" })).toBeUndefined();
  });

  it('thousands and scaling together stay exact', () => {
    expect(parseDecimal('80,713.83', comma, 6)).toBe(80713830000);
    expect(parseDecimal('1,234.5', comma, 3)).toBe(1234500);
  });
});

describe('parseDecimal: decimal comma when configured', () => {
  const dc: NumberFormat = { decimal: ',' };
  const eu: NumberFormat = { decimal: ',', thousands: '.' };

  it.each([
    ['12,5', 12.5],
    ['0,07', 0.07],
    ['-3,25', -3.25],
    ['1500', 1500],
    [',5', 0.5],
    ['1,5e3', 1500],
  ])('%j with decimal "," is %d', (text, expected) => {
    expect(parseDecimal(text, dc)).toBe(expected);
  });

  it('a point is not accepted when the decimal mark is a comma and no separator is set', () => {
    expect(parseDecimal('1.5', dc)).toBeUndefined();
    expect(parseDecimal('1.234,5', dc)).toBeUndefined();
  });

  it('two commas are not a number', () => {
    expect(parseDecimal('1,2,3', dc)).toBeUndefined();
  });

  it.each([
    ['1.234.567,89', 1234567.89],
    ['1.234', 1234],
    ['12.345,6', 12345.6],
    ['-1.000', -1000],
    ['999,5', 999.5],
  ])('%j with decimal "," and thousands "." is %d', (text, expected) => {
    expect(parseDecimal(text, eu)).toBe(expected);
  });

  it('a badly grouped number with decimal comma and thousands "." is rejected', () => {
    expect(parseDecimal('12.34,5', eu)).toBeUndefined();
    expect(parseDecimal('1.23', eu)).toBeUndefined();
  });

  it('decimal comma with a space separator and scaling', () => {
    expect(parseDecimal('80 713,83', { decimal: ',', thousands: ' ' }, 6)).toBe(80713830000);
  });
});

describe('explainBadNumber', () => {
  it('suggests --thousands for comma-grouped numbers', () => {
    for (const text of ['1,234', '1,234,567', '-12,345.5', ' 1,234 ']) {
      const r = explainBadNumber(text, DOT);
      expect(r.detail).toBe(`value ${JSON.stringify(text)} is not a number`);
      expect(r.hint).toBe('it has thousands separators: pass --thousands ,');
    }
  });

  it('suggests --decimal for a decimal comma', () => {
    const r = explainBadNumber('12,5', DOT);
    expect(r.detail).toContain('"12,5"');
    expect(r.hint).toBe('it looks like a decimal comma: pass --decimal ,');
  });

  it('does not suggest --thousands when a "," separator is already configured', () => {
    const r = explainBadNumber('1,234', { decimal: '.', thousands: ',' });
    expect(r.hint ?? '').not.toContain('--thousands');
  });

  it('does not suggest --decimal when the decimal comma is already configured', () => {
    const r = explainBadNumber('12,5', { decimal: ',' });
    expect(r.hint ?? '').not.toContain('--decimal');
  });

  it('names a no-break space, with no misleading hint', () => {
    for (const text of ['1\u00a0234', '1\u202f234']) {
      const r = explainBadNumber(text, DOT);
      expect(r.detail).toBe(`value ${JSON.stringify(text)} is not a number (it holds a no-break space)`);
      expect(r.hint).toBeUndefined();
    }
  });

  it('suggests --missing for placeholder text', () => {
    for (const text of ['abc', 'x', '(S)', '-', 'n.a.']) {
      const r = explainBadNumber(text, DOT);
      expect(r.detail).toBe(`value ${JSON.stringify(text)} is not a number`);
      expect(r.hint).toBe('list placeholder markers with --missing');
    }
  });

  it('quotes control characters in the detail so they are visible', () => {
    expect(explainBadNumber('15\u000000', DOT).detail).toContain('"15\\u000000"');
    expect(explainBadNumber('1500\r', DOT).detail).toContain('"1500\\r"');
  });
});

describe('parseYear', () => {
  it.each([
    ['2023', 2023],
    ['1999', 1999],
    [' 2005 ', 2005],
    ['0001', 1],
  ])('%j is %d', (text, expected) => {
    expect(parseYear(text)).toBe(expected);
  });

  it.each([
    '',
    '23',
    '202',
    '20230',
    '2023.0',
    '2023-01',
    'FY2023',
    '２０２３',
    '+2023',
    '-2023',
    '2e3',
    'abcd',
  ])('%j is not a year', (text) => {
    expect(parseYear(text)).toBeUndefined();
  });
});

describe('DEFAULT_MISSING_MARKERS', () => {
  it('holds the documented default list', () => {
    expect([...DEFAULT_MISSING_MARKERS].sort()).toEqual(['', '(D)', '..', ':', 'N/A', 'NA'].sort());
  });
  it('none of the markers parses as a number', () => {
    for (const m of DEFAULT_MISSING_MARKERS) expect(parseDecimal(m)).toBeUndefined();
  });
});
