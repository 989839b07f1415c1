import { describe, expect, it } from 'vitest';
import { mayBePseudo, partnerInSystem, unknownAsItself } from '../../src/catalog/code-systems.js';
import { countryIndex, mayBeKnown, mayBeKnownText, special } from '../../src/catalog/partner-index.js';
import { lookupPartner } from '../../src/catalog/partner-lookup.js';
import {
  countries,
  isPlain,
  latinKeyHash,
  PLAIN,
  partnerKey,
  settledText,
} from '../../src/catalog/partner-type.js';
import { PSEUDO_NAME } from '../../src/catalog/stand-ins.js';

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

/** A small seeded generator of random text from a list of pieces. */
function texts(pieces: readonly string[], count: number, seed = 11): string[] {
  const next = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const out: string[] = [];
  for (let r = 0; r < count; r++) {
    let text = '';
    for (let i = next(12); i > 0; i--) text += pieces[next(pieces.length)];
    out.push(text);
  }
  return out;
}

describe('the loops that stand in for regular expressions on the per-name path', () => {
  it('isPlain is PLAIN.test for every unit alone, between letters, after and before spaces, and random text', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const u = String.fromCharCode(c);
      for (const t of [u, `a${u}b`, ` ${u}`, `${u} `, `a ${u}`, `${u}  b`])
        if (isPlain(t) !== PLAIN.test(t)) wrong.push(t);
    }
    for (const t of texts(['a', 'Z', ' ', '  ', '`', '~', '!', '_', '\t', 'é', '\u00a0', '0'], 50_000))
      if (isPlain(t) !== PLAIN.test(t)) wrong.push(t);
    expect(wrong).toEqual([]);
  });

  it('mayBePseudo is true for every name PSEUDO_NAME matches', () => {
    const pieces = [
      'nes',
      'NES',
      'Nes',
      'n.e.s',
      'N.E.S.',
      'not elsewhere specified',
      'NOT ELSEWHERE SPECIFIED',
      'unspecified',
      'Bunkers',
      'free zones',
      'unknown',
      ' ',
      ',',
      '(',
      ')',
      'Areas',
      'Other Asia',
      'n',
      'e',
      's',
      '.',
      'x',
    ];
    const wrong: string[] = [];
    let matched = 0;
    for (const t of texts(pieces, 100_000, 5)) {
      if (!PSEUDO_NAME.test(t)) continue;
      matched++;
      if (!mayBePseudo(t)) wrong.push(t);
    }
    expect(wrong).toEqual([]);
    expect(matched).toBeGreaterThan(10_000);
    // And it turns down the long made-up names a file of millions of partners holds.
    expect(mayBePseudo('Republic of Lotakalilo Islands')).toBe(false);
    expect(mayBePseudo('Grand Venbrabelvenmer-sur-Kell')).toBe(false);
  });
});

describe('the filter of accented names the catalog does not know', () => {
  /** FNV-1a over a key's UTF-16 units, as latinKeyHash takes it. */
  const fnv = (key: string): number => {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return h;
  };
  const pieces = [
    ..."aAzZéÉñôßİıøØæǄǅǆʼˆ`'-_,.()09 ",
    '\u2018',
    '\u2019',
    '\u0301',
    '\u0308',
    '\u00a0',
    '\t',
    '\u03a3',
    '  ',
  ];

  it('hashes the key the lookup would make, for every unit and random Latin text', () => {
    const wrong: string[] = [];
    const all = texts(pieces, 50_000, 3);
    for (let c = 0; c < 0x10000; c++) {
      const u = String.fromCharCode(c);
      all.push(`a${u}B`, `${u} x`, `x ${u}`, ` ${u}\u0301 `);
    }
    let hashed = 0;
    for (const t of all) {
      const h = latinKeyHash(t);
      if (h === undefined) continue;
      hashed++;
      const key = partnerKey(t, false);
      if (h !== fnv(key) || key.startsWith('0') || key.startsWith('_')) wrong.push(t);
    }
    expect(wrong).toEqual([]);
    expect(hashed).toBeGreaterThan(40_000);
  });

  it("lets through every name of the catalog's countries, accented or not, and the lookups find them", () => {
    const names: string[] = [];
    for (const a2 of Object.keys(countries.getAlpha2Codes()))
      names.push(...(countries.getName(a2, 'en', { select: 'all' }) ?? []));
    expect(names.filter((n) => !isPlain(n)).length).toBeGreaterThanOrEqual(5);
    // A name turned down is one whose key neither map holds (two countries' names, "Congo", are in neither).
    const inIndex = (t: string) => countryIndex.has(partnerKey(t)) || special.has(partnerKey(t));
    let through = 0;
    for (const n of names)
      for (const t of [n, n.toUpperCase()]) {
        if (mayBeKnownText(t)) through++;
        else expect(inIndex(t), t).toBe(false);
      }
    expect(through).toBeGreaterThan(names.length);
    // Every key of the index, its vowels accented (the same key): let through, and found as the key is.
    const accent: Record<string, string> = { a: 'á', e: 'é', i: 'î', o: 'ö', u: 'ù' };
    for (const key of [...countryIndex.keys(), ...special.keys()]) {
      if (!PLAIN.test(key) || !/[aeiou]/.test(key)) continue;
      const variant = key.replace(/[aeiou]/g, (v) => accent[v] as string);
      expect(mayBeKnownText(variant)).toBe(true);
      expect(lookupPartner(variant)).toEqual(lookupPartner(key));
    }
    expect(lookupPartner('Côte d’Ivoire')).toMatchObject({ kind: 'country', code: 'CI' });
    expect(lookupPartner('RÉUNION')).toMatchObject({ kind: 'country', code: 'RE' });
    expect(lookupPartner('Curaçao')).toMatchObject({ kind: 'country', code: 'CW' });
  });

  it('turns down most made-up accented names, which come back unknown in their NFC form', () => {
    let passed = 0;
    for (let i = 0; i < 10_000; i++) {
      const name = `Port Zeré${i.toString(36)}ia`;
      if (mayBeKnownText(name)) passed++;
      expect(lookupPartner(name)).toEqual({ kind: 'unknown', code: name, name });
    }
    expect(passed).toBeLessThan(500);
    const decomposed = 'Port Ze\u0301ria  Islands';
    expect(lookupPartner(decomposed)).toEqual({
      kind: 'unknown',
      code: 'Port Zéria Islands',
      name: 'Port Zéria Islands',
    });
  });
});

describe('the one-pass answer for a name the catalog does not know', () => {
  /** partnerInSystem's answer for a name, by the full look-up alone (no one-pass answer). */
  function reference(text: string) {
    const plain = isPlain(text) || undefined;
    const t = plain || settledText(text) ? text : text.normalize('NFC').trim();
    if (!t) return undefined;
    const p = lookupPartner(t, plain);
    return p.kind === 'unknown' && PSEUDO_NAME.test(p.name)
      ? { kind: 'pseudo', code: p.name, name: p.name }
      : p;
  }

  it('gives what the full look-up gives, for every unit in a name and for random names', () => {
    const all: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const u = String.fromCharCode(c);
      all.push(u, `Port ${u}ria`, `${u}sland b`);
    }
    const names: string[] = [];
    for (const a2 of Object.keys(countries.getAlpha2Codes()))
      names.push(...(countries.getName(a2, 'en', { select: 'all' }) ?? []));
    const pieces = [
      ...names.slice(0, 60),
      'free zones',
      'Unknown',
      'CONFIDENTIAL',
      'Special categories',
      'not elsewhere specified',
      'unspecified',
      'Not Specified',
      'nés',
      'N.E',
      'spec',
      'Korea',
      'KOREA, SOUTH',
      'World',
      'Areas, nes',
      'n.e.s.',
      'Bunkers',
      '_X',
      '0410',
      '842',
      'Ré',
      'union',
      'ô',
      'ǆ',
      'İ',
      ' ',
      '  ',
      '\t',
      '\u00a0',
      '\u0301',
      '`',
      "'",
      '\u2019',
      'Port ',
      'Zeré',
      'ia',
      'land',
      'x',
    ];
    all.push(...texts(pieces, 30_000, 17), ...names, ...names.map((n) => n.toUpperCase()));
    const wrong: string[] = [];
    let quick = 0;
    for (const t of all) {
      if (unknownAsItself(t)) quick++;
      for (const system of ['name', 'any'] as const)
        if (JSON.stringify(partnerInSystem(system, t)) !== JSON.stringify(reference(t))) wrong.push(t);
    }
    expect(wrong).toEqual([]);
    // And most made-up names are answered in the one pass.
    expect(quick).toBeGreaterThan(all.length / 20);
    expect(unknownAsItself('Port Zeréia Islands')).toBe(true);
    expect(unknownAsItself('Republic of Korea')).toBe(false);
    expect(unknownAsItself('Other Asia, nes')).toBe(false);
    for (const name of [
      'Free Zones',
      'unknown',
      'Confidential',
      'SPECIAL CATEGORIES',
      'Bunkers',
      'Areas, n.e.s.',
    ])
      expect(partnerInSystem('name', name)?.kind, name).toBe('pseudo');
  });
});
