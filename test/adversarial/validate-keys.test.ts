// The duplicate check's key set is exact: keys that a string hash could confuse stay apart, and every
// repeat is found, with the line of its first row.
import { describe, expect, it } from 'vitest';
import { ExactKeys } from '../../src/core/exact-keys.js';

describe('validate: exact duplicate keys', () => {
  it('parts that join to the same text are different keys', () => {
    const k = new ExactKeys(16);
    const add = (line: number, ...parts: [string, string, string, string, string, string]) => {
      const slot = k.find(2016, 0, ...parts);
      if (slot === -1) k.add(line, 0);
      return slot === -1 ? undefined : k.line(slot);
    };
    expect(add(1, 'US', 'imports', 'x', '', 'ab', 'c')).toBeUndefined();
    expect(add(2, 'US', 'imports', 'x', '', 'a', 'bc')).toBeUndefined();
    expect(add(3, 'US', 'importsa', 'x', '', 'b', 'c')).toBeUndefined();
    expect(add(4, 'US', 'imports', 'x', '', 'ab', 'c')).toBe(1);
    expect(k.find(2016, 1, 'US', 'imports', 'x', '', 'ab', 'c')).toBe(-1); // another month
    expect(k.find(20160, 0, 'US', 'imports', 'x', '', 'ab', 'c')).toBe(-1);
  });

  it('300,000 distinct keys: none taken for a repeat, each repeat found (the table grows past them)', () => {
    const k = new ExactKeys(16);
    let repeats = 0;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 300_000; i++) {
        const slot = k.find(
          2000 + (i % 7),
          i % 13,
          'US',
          i % 2 ? 'imports' : 'exports',
          's',
          '',
          `P${i % 977}`,
          `${i}`,
        );
        if (slot === -1) k.add(i + 2, 0);
        else {
          expect(k.line(slot)).toBe(i + 2);
          repeats++;
        }
      }
      expect(repeats).toBe(round * 300_000);
    }
  });
});
