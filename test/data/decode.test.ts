import { describe, expect, it } from 'vitest';
import { type DecodeState, decodeToUtf8, type Encoding, firstInvalidUtf8 } from '../../src/data/decode.js';
import { CHUNK_SIZES, chunks, stream } from './helpers.js';

interface Decoded {
  text: string;
  bytes: Buffer;
  state: DecodeState;
}

async function decode(buf: Buffer, encoding: Encoding = 'utf8', size = 0): Promise<Decoded> {
  const state: DecodeState = { bytesIn: 0, bytesOut: 0, encoding };
  const out: Buffer[] = [];
  for await (const c of decodeToUtf8(stream(chunks(buf, size)), encoding, state)) out.push(Buffer.from(c));
  const bytes = Buffer.concat(out);
  return { text: bytes.toString('utf8'), bytes, state };
}

/** Decodes `buf` with every chunk size and checks that all of them agree; returns the one-chunk result. */
async function decodeAll(buf: Buffer, encoding: Encoding = 'utf8'): Promise<Decoded> {
  const whole = await decode(buf, encoding, 0);
  for (const size of CHUNK_SIZES) {
    const r = await decode(buf, encoding, size);
    expect(r.bytes.equals(whole.bytes), `chunk size ${size}`).toBe(true);
    expect(r.state.problem, `chunk size ${size}`).toEqual(whole.state.problem);
    expect(r.state.encoding, `chunk size ${size}`).toBe(whole.state.encoding);
    expect(r.state.bytesOut, `chunk size ${size}`).toBe(whole.state.bytesOut);
  }
  return whole;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const cat = (...parts: (string | number[] | Buffer)[]): Buffer =>
  Buffer.concat(
    parts.map((p) =>
      typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.isBuffer(p) ? p : Buffer.from(p),
    ),
  );

describe('decodeToUtf8: UTF-8', () => {
  it('passes plain UTF-8 through unchanged and counts bytes', async () => {
    const buf = Buffer.from('partner,value\nCôte d’Ivoire,1\n', 'utf8');
    const r = await decodeAll(buf);
    expect(r.bytes.equals(buf)).toBe(true);
    expect(r.state.problem).toBeUndefined();
    expect(r.state.encoding).toBe('utf8');
    expect(r.state.bytesIn).toBe(buf.length);
    expect(r.state.bytesOut).toBe(buf.length);
  });

  it('strips a UTF-8 BOM', async () => {
    const r = await decodeAll(cat(BOM, 'a,b\n1,2\n'));
    expect(r.text).toBe('a,b\n1,2\n');
    expect(r.state.bytesIn).toBe(11);
    expect(r.state.bytesOut).toBe(8);
    expect(r.state.problem).toBeUndefined();
  });

  it('strips only one BOM (a second U+FEFF is text)', async () => {
    const r = await decodeAll(cat(BOM, BOM, 'a'));
    expect(r.text).toBe('\ufeffa');
  });

  it('handles files shorter than a signature', async () => {
    expect((await decodeAll(Buffer.alloc(0))).text).toBe('');
    expect((await decodeAll(Buffer.from('a'))).text).toBe('a');
    expect((await decodeAll(Buffer.from('a\n'))).text).toBe('a\n');
    expect((await decodeAll(Buffer.from('ab\n'))).text).toBe('ab\n');
    expect((await decodeAll(BOM)).text).toBe('');
    expect((await decodeAll(cat(BOM, 'x'))).text).toBe('x');
    expect((await decodeAll(Buffer.from('é'))).text).toBe('é');
    for (const s of ['', 'a', 'a\n', 'é'])
      expect((await decode(Buffer.from(s))).state.problem).toBeUndefined();
  });

  it('a BOM wins over a declared single-byte encoding', async () => {
    const r = await decodeAll(cat(BOM, 'Côte'), 'latin1');
    expect(r.text).toBe('Côte');
  });

  it('reassembles multi-byte characters split across chunks at every position', async () => {
    const text = 'é,€,𝄞,ʤ\nü😀x\n';
    const buf = Buffer.from(text, 'utf8');
    for (let cut = 1; cut < buf.length; cut++) {
      const state: DecodeState = { bytesIn: 0, bytesOut: 0, encoding: 'utf8' };
      const out: Buffer[] = [];
      for await (const c of decodeToUtf8(stream([buf.subarray(0, cut), buf.subarray(cut)]), 'utf8', state))
        out.push(c);
      expect(Buffer.concat(out).toString('utf8'), `cut at ${cut}`).toBe(text);
      expect(state.problem, `cut at ${cut}`).toBeUndefined();
    }
    expect((await decodeAll(buf)).text).toBe(text);
  });

  it('stops at invalid UTF-8, keeping the valid prefix and the offset of the bad byte', async () => {
    const buf = cat('a,b\n1,2\n3,', [0xe9], 'x\n5,6\n');
    const r = await decodeAll(buf);
    expect(r.text).toBe('a,b\n1,2\n3,');
    expect(r.state.problem?.offset).toBe(10);
    expect(r.state.problem?.detail).toBe('invalid UTF-8 (byte 0xE9)');
    expect(r.state.problem?.hint).toContain('--encoding latin1');
  });

  it('reports the offset in the decoded stream (after the BOM)', async () => {
    const r = await decodeAll(cat(BOM, 'ab\n', [0xff], '\n'));
    expect(r.text).toBe('ab\n');
    expect(r.state.problem?.offset).toBe(3);
    expect(r.state.problem?.detail).toContain('0xFF');
  });

  it('counts multi-byte characters before the bad byte in its offset', async () => {
    const buf = cat('é€\n', [0x80], 'z');
    const r = await decodeAll(buf);
    expect(r.state.problem?.offset).toBe(6);
    expect(r.state.problem?.detail).toContain('0x80');
    expect(r.text).toBe('é€\n');
  });

  it('reports invalid UTF-8 at the very start', async () => {
    const r = await decodeAll(cat([0xc3, 0x28], 'abc'));
    expect(r.state.problem?.offset).toBe(0);
    expect(r.text).toBe('');
  });

  it('reports a multi-byte sequence cut off by the end of the file', async () => {
    const r = await decodeAll(cat('ab', [0xe2, 0x82]));
    expect(r.text).toBe('ab');
    expect(r.state.problem?.offset).toBe(2);
    expect(r.state.problem?.detail).toBe('invalid UTF-8 (byte 0xE2)');
  });

  it.each([
    ['overlong encoding', [0xc0, 0x80]],
    ['overlong 3-byte', [0xe0, 0x80, 0x80]],
    ['UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['0xF5 lead byte', [0xf5, 0x80, 0x80, 0x80]],
    ['lone continuation', [0x80]],
    ['missing continuation', [0xe2, 0x41, 0x41]],
  ])('rejects %s', async (_what, bytes) => {
    const r = await decodeAll(cat('ok\n', bytes, 'tail\n'));
    expect(r.text).toBe('ok\n');
    expect(r.state.problem?.offset).toBe(3);
    expect(r.state.problem?.detail).toMatch(/^invalid UTF-8 \(byte 0x[0-9A-F]{2}\)$/);
  });
});

describe('decodeToUtf8: UTF-16 by BOM', () => {
  const text = 'partner,value\nCôte d’Ivoire,1\n𝄞\n';

  it('converts UTF-16LE with a BOM', async () => {
    const r = await decodeAll(cat([0xff, 0xfe], Buffer.from(text, 'utf16le')));
    expect(r.text).toBe(text);
    expect(r.state.encoding).toBe('utf16le');
    expect(r.state.problem).toBeUndefined();
    expect(r.state.bytesOut).toBe(Buffer.byteLength(text));
  });

  it('converts UTF-16BE with a BOM', async () => {
    const be = Buffer.from(text, 'utf16le').swap16();
    const r = await decodeAll(cat([0xfe, 0xff], be));
    expect(r.text).toBe(text);
    expect(r.state.encoding).toBe('utf16be');
    expect(r.state.problem).toBeUndefined();
  });

  it('takes UTF-16 from the BOM even when latin1 is declared', async () => {
    const r = await decodeAll(cat([0xff, 0xfe], Buffer.from('a,b\n', 'utf16le')), 'latin1');
    expect(r.text).toBe('a,b\n');
    expect(r.state.encoding).toBe('utf16le');
  });

  // INPUT.md trap 2: bad text must be reported, never silently replaced by U+FFFD. The UTF-16 converter is a
  // non-fatal TextDecoder, so an unpaired surrogate or an odd trailing byte becomes U+FFFD with no problem set
  // (the UTF-8 path reports the equivalent at its offset).
  it('an unpaired surrogate in UTF-16LE is a problem, not a silent U+FFFD', async () => {
    const r = await decode(
      cat([0xff, 0xfe], Buffer.from('a,', 'utf16le'), [0x00, 0xd8], Buffer.from('b\n', 'utf16le')),
    );
    expect(r.text).not.toContain('\ufffd');
    expect(r.state.problem).toBeDefined();
  });

  it('an odd trailing byte in UTF-16LE is a problem, not a silent U+FFFD', async () => {
    const r = await decode(cat([0xff, 0xfe], Buffer.from('a,b\n', 'utf16le'), [0x41]));
    expect(r.text).not.toContain('\ufffd');
    expect(r.state.problem).toBeDefined();
  });

  it('UTF-16 without a BOM is caught by its NUL bytes', async () => {
    const r = await decodeAll(Buffer.from('a,b\n', 'utf16le'));
    expect(r.state.problem?.detail).toContain('NUL byte');
    expect(r.state.problem?.hint).toContain('byte-order mark');
    expect(r.state.problem?.offset).toBe(1);
    expect(r.text).toBe('a');
  });
});

describe('decodeToUtf8: declared single-byte encodings', () => {
  it('latin1', async () => {
    const buf = Buffer.from([0x43, 0xf4, 0x74, 0x65, 0x2c, 0xe9, 0x0a]);
    const r = await decodeAll(buf, 'latin1');
    expect(r.text).toBe('Côte,é\n');
    expect(r.state.encoding).toBe('latin1');
    expect(r.state.problem).toBeUndefined();
    expect(r.state.bytesIn).toBe(7);
    expect(r.state.bytesOut).toBe(Buffer.byteLength('Côte,é\n'));
  });

  it('windows-1252 maps 0x80-0x9F to its own characters', async () => {
    const buf = Buffer.from([0x80, 0x2c, 0x93, 0x61, 0x94, 0x2c, 0x92, 0x0a]);
    const r = await decodeAll(buf, 'windows-1252');
    expect(r.text).toBe('€,“a”,’\n');
    expect(r.state.encoding).toBe('windows-1252');
    expect(r.state.problem).toBeUndefined();
  });

  it('the same bytes as UTF-8 are a problem', async () => {
    const r = await decodeAll(Buffer.from([0x43, 0xf4, 0x74, 0x65]), 'utf8');
    expect(r.state.problem?.offset).toBe(1);
    expect(r.text).toBe('C');
  });
});

describe('decodeToUtf8: binary content', () => {
  it('a ZIP signature (an .xlsx renamed to .csv) is a problem at offset 0 and nothing is emitted', async () => {
    const r = await decodeAll(cat([0x50, 0x4b, 0x03, 0x04], [0x14, 0x00, 0x06, 0x00], 'rest'));
    expect(r.bytes.length).toBe(0);
    expect(r.state.problem?.offset).toBe(0);
    expect(r.state.problem?.detail).toContain('ZIP');
    expect(r.state.problem?.hint).toContain('CSV');
  });

  it('a ZIP signature is found in every declared encoding', async () => {
    for (const enc of ['utf8', 'latin1', 'windows-1252'] as const) {
      const r = await decodeAll(Buffer.from('PK\x03\x04abcdef', 'latin1'), enc);
      expect(r.state.problem?.detail, enc).toContain('ZIP');
    }
  });

  it('text that merely starts with "PK" is fine', async () => {
    const r = await decodeAll(Buffer.from('PK,value\n'));
    expect(r.state.problem).toBeUndefined();
    expect(r.text).toBe('PK,value\n');
  });

  it('a NUL byte stops the stream at its offset', async () => {
    const r = await decodeAll(Buffer.from('a,b\n1\u00002\n3,4\n'));
    expect(r.text).toBe('a,b\n1');
    expect(r.state.problem?.offset).toBe(5);
    expect(r.state.problem?.detail).toBe('NUL byte found: this is a binary file, not CSV text');
  });

  it('a NUL byte is found in latin1 input too', async () => {
    const r = await decodeAll(Buffer.from([0x61, 0xe9, 0x00, 0x62]), 'latin1');
    expect(r.text).toBe('aé');
    expect(r.state.problem?.offset).toBe(3); // "aé" is 3 bytes of UTF-8
  });

  it('a NUL byte as the first byte', async () => {
    const r = await decodeAll(Buffer.from([0x00, 0x61, 0x62, 0x63, 0x64]));
    expect(r.text).toBe('');
    expect(r.state.problem?.offset).toBe(0);
  });
});

describe('firstInvalidUtf8', () => {
  it.each([
    [[0x61, 0x62, 0xff], 2],
    [[0xc3, 0xa9, 0xc3], 2],
    [[0xe2, 0x82, 0xac, 0xc0, 0xaf], 3],
    [[0xf0, 0x9f, 0x98, 0x80, 0xed, 0xbf, 0xbf], 4],
    [[0x61], 1],
  ])('%j -> %d', (bytes, at) => {
    expect(firstInvalidUtf8(Buffer.from(bytes))).toBe(at);
  });
});
