import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// USITC 2016 textiles and apparel, the ten listed partners (US$ m): data/usitc-textiles-apparel.csv.
const TA_2016 = [45221, 11372, 7952, 5806, 5548, 5144, 2904, 2673, 2184, 1986];

describe('concentration', () => {
  it('share carries the HHI of the itemized partners, and the table its band', async () => {
    const r = await run(['share', '--category', 'textiles-and-apparel', '--year', '2016', '--json']);
    const k = JSON.parse(r.stdout).concentration;
    const itemized = TA_2016.reduce((a, v) => a + v, 0);
    const hhi = TA_2016.reduce((a, v) => a + ((v / itemized) * 100) ** 2, 0);
    expect(k.hhi).toBeCloseTo(hhi, 9);
    expect(k).toMatchObject({ band: 'high', partners: 10 });
    expect(k.top1Share).toBeCloseTo(45221 / 120312, 12);
    expect(k.top5Share).toBeCloseTo((45221 + 11372 + 7952 + 5806 + 5548) / 120312, 12);
    expect(k.itemizedShareOfTotal).toBeCloseTo(itemized / 120312, 12);
    const table = await run(['share', '--category', 'textiles-and-apparel', '--year', '2016']);
    expect(table.stdout).toMatch(
      /Concentration\s+HHI 2,854 \(high\); .*covers the itemized partners only \(75\.5% of the total\)/,
    );
  });
});

describe('pictures', () => {
  it('a bar for each share in the table, Unicode or ASCII', async () => {
    const r = await run(['share', '--category', 'textiles-and-apparel', '--year', '2016', '--top', '3']);
    expect(r.stdout).toMatch(/China \(CN\)\s*│\s*US\$45\.22bn\s*│\s*37\.59%\s*│\s*███████▌\s*│/);
    const a = await run([
      'share',
      '--category',
      'textiles-and-apparel',
      '--year',
      '2016',
      '--top',
      '3',
      '--ascii',
    ]);
    expect(a.stdout).toMatch(/37\.59%\s*│\s*########\s*│/);
    expect(a.stdout).not.toMatch(/[▏▎▍▌▋▊▉█]/);
  });

  it('--format svg is a well-formed, accessible chart with one bar per row', async () => {
    const r = await run(['share', '--category', 'apparel', '--year', '2014', '--format', 'svg']);
    expect(r.code).toBe(0);
    expect(XMLValidator.validate(r.stdout)).toBe(true);
    const svg = new XMLParser({ ignoreAttributes: false }).parse(r.stdout).svg;
    expect(svg['@_role']).toBe('img');
    expect(svg.title['#text']).toBe('US imports of apparel by partner, 2014');
    // The background and one bar for each of the nine partners and the not-itemized part.
    expect(svg.rect).toHaveLength(11);
    const texts = svg.text.map((t: { '#text': string } | string) => (typeof t === 'string' ? t : t['#text']));
    expect(texts).toContain('China (CN)');
    expect(texts).toContain('Share of the total (%)');
    expect(texts.some((t: string) => t.includes('Source: data/otexa-apparel.csv'))).toBe(true);
    expect(texts.some((t: string) => t.includes('Basis: general imports, customs value'))).toBe(true);
  });
});
