import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// share and trend on 300,000 distinct partners (past the old 131,072-cell cliff), against plain sums
// computed here. No times: bench/partners.mjs holds those.

const N = 300_000;

/** A file of N rows, each a new partner the catalog does not know (a code or a name), and the 2016 sums. */
function manyPartners(): { file: string; total: number; byCode: Map<string, number> } {
  const dir = mkdtempSync(join(tmpdir(), 'korus-scale-'));
  const lines = ['year,reporter,partner,partner_name,hs_code,flow,value_usd'];
  const byCode = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < N; i++) {
    // Short cells (up to 8 bytes, the packed table) and long ones (the hashed one), half each.
    const code = `QQ${i.toString(36).toUpperCase()}`;
    const name = i % 2 ? code : `Port ${code} Islands`;
    const year = i % 3 === 0 ? 2015 : 2016;
    // Values repeat (ties in the ranking) and a few partners are large.
    const value = i % 1000 === 7 ? 5_000_000 + i : 1 + (i % 5000);
    lines.push(`${year},US,${name},${name},620342,imports,${value}`);
    if (year === 2016) {
      total += value;
      byCode.set(name, (byCode.get(name) ?? 0) + value);
    }
  }
  const file = join(dir, 'many.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, total, byCode };
}

const data = manyPartners();
const ranked = [...data.byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

interface Row {
  kind: string;
  code: string | null;
  valueUsd: number;
  rank: number | null;
  partners?: number;
}

describe('share on 300,000 distinct partners', () => {
  it('gives the plain sums, the top 3 in order, a highlighted partner at its rank, the rest folded, every unknown partner counted', async () => {
    // A small partner: many others have its value (ties share a rank), so its rank is one after every larger one.
    const [name, value] = ranked[ranked.length - 1] as [string, number];
    const rank = 1 + ranked.filter(([, v]) => v > value).length;
    const r = await run([
      'share',
      '--data',
      data.file,
      '--category',
      'apparel',
      '--year',
      '2016',
      '--top',
      '3',
      '--partner',
      name,
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.total.valueUsd).toBe(data.total);
    const rows = out.rows as Row[];
    expect(rows.slice(0, 4).map((x) => [x.code, x.valueUsd, x.rank])).toEqual([
      ...ranked.slice(0, 3).map(([code, v], i) => [code, v, i + 1]),
      [name, value, rank],
    ]);
    const other = rows.find((x) => x.kind === 'other-partners') as Row;
    expect(other.partners).toBe(ranked.length - 4);
    const shown = ranked.slice(0, 3).reduce((a, [, v]) => a + v, 0) + value;
    expect(other.valueUsd).toBe(data.total - shown);
    const note = out.notes.find((n: { code: string }) => n.code === 'unknown-partner');
    expect(note.count).toBe(ranked.length);
    expect(note.message).toContain(String(ranked.length));
  }, 60_000);

  it('trend follows the top partners over the years on the same file', async () => {
    const r = await run([
      'trend',
      '--data',
      data.file,
      '--category',
      'apparel',
      '--from',
      '2015',
      '--to',
      '2016',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const last = (s: { points: Array<{ valueUsd: number | null }> }) => s.points[1]?.valueUsd;
    expect(out.series.map((s: { code: string }) => s.code)).toEqual(ranked.slice(0, 5).map(([c]) => c));
    expect(out.series.map(last)).toEqual(ranked.slice(0, 5).map(([, v]) => v));
  }, 60_000);
});

describe('a partner code cell holding the name itself', () => {
  it('resolves as the name cell would: unknown codes keep the name, a known name wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-same-cell-'));
    const file = join(dir, 'codes.csv');
    writeFileSync(
      file,
      [
        'year,reporter,partner_code,partner,hs_code,flow,value_usd',
        // The same text in both cells: a made-up place, a catalog name, and a catalog code.
        '2016,US,Port Velmora,Port Velmora,620342,imports,5',
        '2016,US,South Korea,South Korea,620342,imports,7',
        '2016,US,KR,KR,620342,imports,11',
        // Different text: a code the catalog does not know beside a name it knows, and beside one it does not.
        '2016,US,ZZ9,South Korea,620342,imports,13',
        '2016,US,ZZ8,Isla Grande,620342,imports,17',
        '',
      ].join('\n'),
    );
    const r = await run(['share', '--data', file, '--category', 'apparel', '--year', '2016', '--json']);
    const rows = JSON.parse(r.stdout).rows.map((x: { code: string; valueUsd: number }) => [
      x.code,
      x.valueUsd,
    ]);
    expect(rows).toEqual([
      ['KR', 31],
      ['Isla Grande', 17],
      ['Port Velmora', 5],
    ]);
  });
});
