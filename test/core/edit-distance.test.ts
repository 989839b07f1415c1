import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/catalog/edit-distance.js';
import { listedPartner, suggestPartner } from '../../src/catalog/partners.js';

describe('suggestions', () => {
  it('count a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('chnia', 'china')).toBe(1);
    expect(editDistance('kroea', 'korea')).toBe(1);
    expect(editDistance('korea', 'korea')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it("look among the data's partners first, a word of a name counting, and never suggest a tie", () => {
    const data = [listedPartner('KR', 'South Korea'), listedPartner('CN', 'China')];
    expect(suggestPartner('Chnia', data)?.code).toBe('CN');
    expect(suggestPartner('Kroea', data)?.code).toBe('KR');
    // Not in the data: the catalog's countries.
    expect(suggestPartner('Vietnma', data)?.code).toBe('VN');
    // Two of the data's partners as near: the catalog decides, or nothing is suggested.
    const two = [listedPartner('KR', 'South Korea'), listedPartner('KP', 'North Korea')];
    expect(suggestPartner('Kroea', two)?.code).not.toBe('KP');
    expect(suggestPartner('Zzyzx', data)).toBeUndefined();
  });
});
