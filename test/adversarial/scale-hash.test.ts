import { describe, expect, it } from 'vitest';
import { KeyTable } from '../../src/core/key-table.js';
import { ByteRecord } from '../../src/data/byte-record.js';
import { FieldCache, type FieldReader, StringRecord } from '../../src/data/field-cache.js';

// The byte scanner's cell caches and the row-key table at sizes past their old cliffs (the short-cell hash
// used 17 bits: past 131,072 values every new one probed one long cluster). Correctness only: the bench
// (bench/partners.mjs) holds the times.

/** A FieldReader over one cell's bytes, as the byte scanner hands a cache. */
function cell(text: string): { buf: Uint8Array; rec: FieldReader } {
  const buf = new TextEncoder().encode(text);
  const rec = { text: () => text } as unknown as FieldReader;
  return { buf, rec };
}

function through<T>(cache: FieldCache<T>, text: string): T {
  const { buf, rec } = cell(text);
  return cache.getBytes(buf, 0, buf.length, rec, 0);
}

describe('the cell cache at scale', () => {
  it('gives each of 300,000 distinct short and long cells its own value, and the same value again', () => {
    let made = 0;
    const cache = new FieldCache((t) => {
      made++;
      return `v:${t}`;
    });
    const texts: string[] = [];
    for (let i = 0; i < 150_000; i++) texts.push(`Q${i.toString(36)}`, `Partner number ${i}`);
    const wrong = (list: string[]) => list.filter((t) => through(cache, t) !== `v:${t}`);
    // Each cell twice in a row: the repeats are hits, so the cache keeps all 150,000 of each kind.
    expect(wrong(texts.flatMap((t) => [t, t]))).toEqual([]);
    expect(made).toBe(texts.length);
    // Every cell once more, in another order: the same values, none made again.
    expect(wrong([...texts].reverse())).toEqual([]);
    expect(made).toBe(texts.length);
  });

  it('keeps values apart that agree in their low bits, their first bytes or their last bytes', () => {
    const cache = new FieldCache((t) => t);
    const texts: string[] = [];
    // Same first four bytes (the packed low word), differing only in bytes 5 to 8; and long cells that
    // differ only in their last byte or only in their first.
    for (let i = 0; i < 50_000; i++) {
      texts.push(
        `AAAA${String.fromCharCode(33 + (i % 90), 33 + (((i / 90) | 0) % 90), 33 + ((i / 8100) | 0))}`,
      );
      texts.push(`a common long prefix ${String(i).padStart(6, '0')}`);
      texts.push(`${String(i).padStart(6, '0')} a common long suffix`);
    }
    expect(texts.filter((t) => through(cache, t) !== t)).toEqual([]);
    expect(texts.filter((t) => through(cache, t) !== t)).toEqual([]);
    // Cells of NUL bytes of different lengths pack to the same integers: the length tells them apart.
    expect(through(cache, '\0')).toBe('\0');
    expect(through(cache, '\0\0')).toBe('\0\0');
    expect(through(cache, '')).toBe('');
  });
});

describe('a cell cache that no longer keeps', () => {
  it('answers every cell while it looks up one in 16, and looks up all again once kept cells come back', () => {
    let made = 0;
    const cache = new FieldCache((t) => {
      made++;
      return `v:${t}`;
    });
    let line = 1;
    const at = (text: string): string => {
      const buf = new TextEncoder().encode(text);
      const rec = { text: () => text, line: line++ } as unknown as FieldReader;
      return cache.getBytes(buf, 0, buf.length, rec, 0);
    };
    const wrong: string[] = [];
    // A new name on every row: past 65,536 kept (more than one for two rows) it stops keeping; then it
    // mostly misses, and stops looking most cells up.
    for (let i = 0; i < 100_000; i++) if (at(`Place ${i}`) !== `v:Place ${i}`) wrong.push(`Place ${i}`);
    for (let i = 0; i < 100_000; i++)
      if (at(`Q${i.toString(36)}`) !== `v:Q${i.toString(36)}`) wrong.push(`Q${i}`);
    // Then kept names come back (the first 65,536 were kept), over and over: answered right, and once the
    // cache has seen them hit it looks every cell up again (few are made a second time).
    made = 0;
    for (let r = 0; r < 20; r++)
      for (let i = 0; i < 1000; i++) if (at(`Place ${i}`) !== `v:Place ${i}`) wrong.push(`Place ${i}`);
    expect(wrong).toEqual([]);
    expect(made).toBeLessThan(20_000 / 4);
  });
});

describe('two cells of a record', () => {
  it('are the same only with the same bytes, quoting alike', () => {
    const r = new ByteRecord();
    r.buf = Buffer.from('Korea,Korea,"Korea",Kore,korea,""');
    const cells: Array<[number, number, number]> = [
      [0, 5, 0],
      [6, 11, 0],
      [13, 18, 1],
      [20, 24, 0],
      [25, 30, 0],
      [32, 32, 1],
    ];
    cells.forEach(([s, e, f], i) => {
      r.starts[i] = s;
      r.ends[i] = e;
      r.flags[i] = f;
    });
    r.count = cells.length;
    expect([r.sameCell(0, 1), r.sameCell(0, 3), r.sameCell(0, 4), r.sameCell(3, 4)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    // A quoted cell and a plain one of the same text are told apart (a quoted cell may hold "" to undo).
    expect(r.sameCell(0, 2)).toBe(false);
    const s = new StringRecord(['Korea', 'Korea', 'Kore'], 2);
    expect([s.sameCell(0, 1), s.sameCell(0, 2)]).toEqual([true, false]);
  });
});

describe('the row-key table', () => {
  it('finds every key again after it grows many times (the key that made it grow was lost)', () => {
    const t = new KeyTable(true, 4);
    const seenEarly: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      t.begin()
        .int(i)
        .int(i * 7);
      if (t.find() !== -1) seenEarly.push(i);
      t.add(i + 1, 0, i);
    }
    expect(seenEarly).toEqual([]);
    const lost: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const slot = t
        .begin()
        .int(i)
        .int(i * 7)
        .find();
      if (slot === -1 || t.value(slot) !== i || t.line(slot) !== i + 1) lost.push(i);
    }
    expect(lost).toEqual([]);
  });
});
