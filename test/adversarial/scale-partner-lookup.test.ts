import { describe, expect, it } from 'vitest';
import { countryIndex, mayBeKnown, special } from '../../src/catalog/partner-index.js';
import { lookupPartner } from '../../src/catalog/partner-lookup.js';
import { PLAIN, partnerKey, settledText } from '../../src/catalog/partner-type.js';

// The shortcuts of the partner lookup on a file of millions of distinct names: the one-pass key of Latin
// text, and the filter that answers "not in the catalog" without making a key. Each must give what the
// full passes give.

/** The key by the normalising passes, written out as the lookup defines it. */
const fullKey = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

describe('the key of accented Latin text', () => {
  it('is the full key for every UTF-16 unit, between letters and at the ends', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const u = String.fromCharCode(c);
      for (const text of [`a${u}B`, `${u} x`, `x ${u}`, `É${u}\u0301`])
        if (partnerKey(text, false) !== fullKey(text)) wrong.push(text);
    }
    expect(wrong).toEqual([]);
  });

  it('is the full key for random text of accents, marks, spaces and quotes', () => {
    const units = [
      ..."aAzZéÉñôßİıøØæǄǅǆʼˆ`'-_,.()09 ",
      '\u2018',
      '\u2019',
      '\u0301',
      '\u0308',
      '\u0327',
      '\u0345',
      '\u00a0',
      '\t',
      '\n',
      '\u000b',
      '\u212b',
      '\u1e9e',
      '\u03a3',
      '\u0390',
    ];
    let seed = 7;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const wrong: string[] = [];
    for (let r = 0; r < 50_000; r++) {
      let text = '';
      for (let i = next(10); i > 0; i--) text += units[next(units.length)];
      if (partnerKey(text, false) !== fullKey(text)) wrong.push(text);
    }
    expect(wrong).toEqual([]);
  });
});

describe('text the normalising passes leave as it is', () => {
  it('is told right for every pair of units below U+0300 and every unit with spaces around it', () => {
    const settles = (t: string): boolean => t.normalize('NFC').replace(/\s+/g, ' ').trim() === t;
    const wrong: string[] = [];
    for (let a = 0; a < 0x300; a++)
      for (let b = 0; b < 0x300; b++) {
        const t = String.fromCharCode(a, b);
        if (settledText(t) && !settles(t)) wrong.push(t);
      }
    for (let c = 0; c < 0x10000; c++)
      for (const t of [
        `a ${String.fromCharCode(c)}`,
        `${String.fromCharCode(c)}\u0301`,
        `é${String.fromCharCode(c)} b`,
      ])
        if (settledText(t) && !settles(t)) wrong.push(t);
    expect(wrong).toEqual([]);
    // And it says so for the accented names it is there for.
    expect(['Réunion', 'Côte d’Ivoire'.replace('’', "'"), 'São Tomé', 'Curaçao'].every(settledText)).toBe(
      true,
    );
    expect(['a  b', ' a', 'a ', 'e\u0301', 'a\u00a0b', '\u212b'].some(settledText)).toBe(false);
  });
});

describe('the filter of names the catalog does not know', () => {
  it('lets through every key the index holds, in any case', () => {
    for (const key of [...countryIndex.keys(), ...special.keys()]) {
      if (!PLAIN.test(key)) continue;
      expect(mayBeKnown(key)).toBe(true);
      expect(mayBeKnown(key.toUpperCase())).toBe(true);
    }
  });

  it('leaves every lookup as it was: known names found, unknown ones kept as given', () => {
    expect(lookupPartner('KOREA, SOUTH')).toMatchObject({ kind: 'country', code: 'KR' });
    expect(lookupPartner('kor')).toMatchObject({ kind: 'country', code: 'KR' });
    expect(lookupPartner('0410')).toMatchObject({ kind: 'country', code: 'KR' });
    expect(lookupPartner('WORLD')).toMatchObject({ kind: 'world' });
    expect(lookupPartner('_X')).toMatchObject({ kind: 'group', code: '_X' });
    expect(lookupPartner('Port Velmora')).toEqual({
      kind: 'unknown',
      code: 'Port Velmora',
      name: 'Port Velmora',
    });
    // Of many made-up names, only a few go past the filter to the maps (and all still come back unknown).
    let passed = 0;
    for (let i = 0; i < 10_000; i++) {
      const name = `Isla Q${i.toString(36)}land`;
      if (mayBeKnown(name)) passed++;
      expect(lookupPartner(name).kind).toBe('unknown');
    }
    expect(passed).toBeLessThan(500);
  });
});
