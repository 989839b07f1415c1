import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { githubAnnotation } from '../../src/output/ci-formats.js';
import { csvCellSafe, escapeControls, markdownCell, xmlText } from '../../src/output/safe.js';

// The safety layer's functions, one class of hostile text each.
describe('escapeControls', () => {
  it('shows C0, DEL, C1, bidi overrides and noncharacters escaped; leaves other text alone', () => {
    expect(escapeControls('a\x1b[31mred\x07\tb\nc\rd')).toBe('a\\x1b[31mred\\x07\\tb\\nc\\rd');
    expect(escapeControls('\x00\x7f\u0085\u009b\u202e\u2066\u2028\ufffe\uffff')).toBe(
      '\\x00\\x7f\\u0085\\u009b\\u202e\\u2066\\u2028\\ufffe\\uffff',
    );
    expect(escapeControls('Côte d’Ivoire 中国 😀 "q" <b>')).toBe('Côte d’Ivoire 中国 😀 "q" <b>');
  });

  it('does not escape twice: text already JSON-quoted has no control characters left', () => {
    expect(escapeControls(JSON.stringify('x\x1by'))).toBe('"x\\u001by"');
  });
});

describe('xmlText', () => {
  it('escapes markup and drops what XML 1.0 does not allow', () => {
    const all = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join('');
    const text = xmlText(`${all}<&>"' ]]> \ufffe\uffff \ud800 lone \udc00 ok 😀 \u0085`);
    expect(text).toBe('\t\n&#13;&lt;&amp;&gt;&quot;&apos; ]]&gt;   lone  ok 😀 \u0085');
    expect(XMLValidator.validate(`<a b="${text}">${text}</a>`)).toBe(true);
  });
});

describe('csvCellSafe', () => {
  it.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+1+cmd', "'+1+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['-5', '-5'],
    ['-1.5e3', '-1.5e3'],
    ['+0.25', '+0.25'],
    ['China', 'China'],
    ['', ''],
  ])('%j -> %j', (cell, safe) => {
    expect(csvCellSafe(cell)).toBe(safe);
  });
});

describe('markdownCell', () => {
  it('escapes | and controls, and < where it could open a tag; <0.01% stays', () => {
    expect(markdownCell('a|b\nc <img src=x> </details> <!-- <0.01%')).toBe(
      'a\\|b\\nc &lt;img src=x> &lt;/details> &lt;!-- <0.01%',
    );
  });
});

describe('githubAnnotation', () => {
  it('is one line whatever its message and properties hold', () => {
    const a = githubAnnotation('error', 'bad\n::add-mask::secret\r\n%0A', {
      file: 'x\n::error::y,z:w.csv',
      line: 3,
      title: 't\x1b[2J',
    });
    expect(a).toBe(
      '::error file=x\\n%3A%3Aerror%3A%3Ay%2Cz%3Aw.csv,line=3,title=t\\x1b[2J::bad\\n::add-mask::secret\\r\\n%250A\n',
    );
  });
});
