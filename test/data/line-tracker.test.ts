import { describe, expect, it } from 'vitest';
import { countBreaks, LineTracker } from '../../src/data/line-tracker.js';
import { chunks } from './helpers.js';

/** Reference: the 1-based line of the byte at `offset`, walking the text one character at a time. */
function naiveLine(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\r') line++;
    else if (c === '\n' && text[i - 1] !== '\r') line++;
  }
  return line;
}

/** A small deterministic generator, so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('countBreaks', () => {
  const b = (s: string) => Buffer.from(s, 'latin1');

  it.each([
    ['', 0],
    ['abc', 0],
    ['a\nb', 1],
    ['a\rb', 1],
    ['a\r\nb', 1],
    ['a\n\nb', 2],
    ['a\r\rb', 2],
    ['a\n\rb', 2],
    ['a\r\n\r\nb', 2],
    ['\r\n', 1],
    ['\n', 1],
    ['\r', 1],
    ['a\nb\r\nc\rd', 3],
    ['\r\r\n\n', 3],
  ])('%j has %d breaks', (text, n) => {
    expect(countBreaks(b(text), 0, text.length)).toBe(n);
  });

  it('counts only inside [from, to)', () => {
    const buf = b('a\nb\nc\nd');
    expect(countBreaks(buf, 0, 1)).toBe(0);
    expect(countBreaks(buf, 0, 2)).toBe(1);
    expect(countBreaks(buf, 2, 4)).toBe(1);
    expect(countBreaks(buf, 2, 7)).toBe(2);
    expect(countBreaks(buf, 3, 3)).toBe(0);
  });

  it('does not count an LF that completes a CRLF begun before the range', () => {
    const buf = b('\nx');
    expect(countBreaks(buf, 0, 2, true)).toBe(0);
    expect(countBreaks(buf, 0, 2, false)).toBe(1);
  });

  it('does not count an LF right after a CR inside the range, whatever prevCR says', () => {
    const buf = b('a\r\nb');
    expect(countBreaks(buf, 1, 4, true)).toBe(1);
    expect(countBreaks(buf, 1, 4, false)).toBe(1);
  });

  it("takes the caller's word (prevCR) for what precedes the range", () => {
    const buf = b('a\r\nb');
    expect(countBreaks(buf, 2, 4, true)).toBe(0);
    expect(countBreaks(buf, 2, 4, false)).toBe(1);
  });
});

describe('LineTracker', () => {
  it('starts at line 1', () => {
    const t = new LineTracker();
    expect(t.lineAt(0)).toBe(1);
    t.add(Buffer.from('abc\n'));
    expect(t.lineAt(0)).toBe(1);
  });

  it('maps offsets to lines with LF, CR and CRLF endings', () => {
    const text = 'h1,h2\n1,2\r\n3,4\r5,6\n7,8';
    const t = new LineTracker();
    t.add(Buffer.from(text));
    expect(t.lineAt(text.indexOf('1,2'))).toBe(2);
    expect(t.lineAt(text.indexOf('3,4'))).toBe(3);
    expect(t.lineAt(text.indexOf('5,6'))).toBe(4);
    expect(t.lineAt(text.indexOf('7,8'))).toBe(5);
    expect(t.lineAt(text.length)).toBe(5);
  });

  it('counts a CRLF split across chunks once', () => {
    const t = new LineTracker();
    t.add(Buffer.from('a\r'));
    t.add(Buffer.from('\nb\r'));
    t.add(Buffer.from('\nc'));
    expect(t.lineAt(3)).toBe(2); // "b"
    expect(t.lineAt(6)).toBe(3); // "c"
  });

  it('counts a CRLF split across chunks once when an offset lands between CR and LF', () => {
    const t = new LineTracker();
    t.add(Buffer.from('a\r'));
    t.add(Buffer.from('\nb'));
    expect(t.lineAt(2)).toBe(2); // the LF: after the CR, so line 2
    expect(t.lineAt(3)).toBe(2); // "b" is still line 2
  });

  it('counts a lone CR at the end of a chunk followed by text as a break', () => {
    const t = new LineTracker();
    t.add(Buffer.from('a\r'));
    t.add(Buffer.from('b\rc'));
    expect(t.lineAt(2)).toBe(2);
    expect(t.lineAt(4)).toBe(3);
  });

  it('counts an LF that starts a chunk after a chunk ending in text', () => {
    const t = new LineTracker();
    t.add(Buffer.from('a'));
    t.add(Buffer.from('\nb'));
    expect(t.lineAt(2)).toBe(2);
  });

  it('the same offset asked twice gives the same line', () => {
    const t = new LineTracker();
    t.add(Buffer.from('a\nb\nc'));
    expect(t.lineAt(2)).toBe(2);
    expect(t.lineAt(2)).toBe(2);
    expect(t.lineAt(4)).toBe(3);
    expect(t.lineAt(4)).toBe(3);
  });

  it('ignores empty chunks', () => {
    const t = new LineTracker();
    t.add(Buffer.alloc(0));
    t.add(Buffer.from('a\r'));
    t.add(Buffer.alloc(0));
    t.add(Buffer.from('\nb'));
    expect(t.lineAt(3)).toBe(2);
  });

  it('can be asked before later chunks arrive', () => {
    const t = new LineTracker();
    t.add(Buffer.from('a\nb'));
    expect(t.lineAt(2)).toBe(2);
    t.add(Buffer.from('\nc\r\n'));
    t.add(Buffer.from('d'));
    expect(t.lineAt(4)).toBe(3);
    expect(t.lineAt(7)).toBe(4);
  });

  it('agrees with a naive count for every chunking and every offset', () => {
    const texts = [
      'a,b\r\n"x\r\ny",2\n\n3,4\r5,"é"',
      '\r\n\r\n\n\r\r\n',
      'h\rx\r\n\ry\n\r\nz',
      'no breaks at all',
      '\n',
      '\r',
    ];
    for (const text of texts) {
      const buf = Buffer.from(text, 'latin1');
      for (const size of [1, 2, 3, 4, 7, 0]) {
        const t = new LineTracker();
        for (const c of chunks(buf, size)) t.add(c);
        for (let off = 0; off <= buf.length; off++) {
          expect(t.lineAt(off), `${JSON.stringify(text)} size ${size} offset ${off}`).toBe(
            naiveLine(text, off),
          );
        }
      }
    }
  });

  it('agrees with a naive count on random text, chunkings and increasing offsets', () => {
    const next = rng(42);
    const alphabet = ['a', ',', '\r', '\n', '\r\n', '"'];
    for (let round = 0; round < 60; round++) {
      let text = '';
      const len = 1 + Math.floor(next() * 80);
      while (text.length < len) text += alphabet[Math.floor(next() * alphabet.length)];
      const buf = Buffer.from(text, 'latin1');
      const parts: Buffer[] = [];
      for (let i = 0; i < buf.length; ) {
        const n = 1 + Math.floor(next() * 6);
        parts.push(buf.subarray(i, i + n));
        i += n;
      }
      const t = new LineTracker();
      for (const p of parts) t.add(p);
      for (let off = 0; off <= buf.length; off += 1 + Math.floor(next() * 3)) {
        expect(t.lineAt(off), `${JSON.stringify(text)} offset ${off}`).toBe(naiveLine(text, off));
        if (next() < 0.2) expect(t.lineAt(off)).toBe(naiveLine(text, off));
      }
    }
  });
});
