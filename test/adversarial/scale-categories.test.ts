import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// Categories at scale: one with 200,000 HS prefixes (it was scanned once per distinct code, the file's load
// included), and a breakdown over 3,000 categories (each kept a 90 KB key table). Answers against plain
// sums computed here; no times (the bench holds those).

const dir = mkdtempSync(join(tmpdir(), 'korus-scale-cat-'));

describe('a category with 200,000 HS prefixes', () => {
  it('gives the sum of the rows whose code starts with one of them, as the plain prefix rule does', async () => {
    // 8-digit prefixes under 62 (every even number), and three short ones of other lengths.
    const long: string[] = [];
    for (let i = 0; i < 400_000; i += 2) long.push(`62${String(i).padStart(6, '0')}`);
    const short = ['6309', '640', '6505'];
    const hs = [...short, ...long];
    const file = join(dir, 'wide.json');
    writeFileSync(file, JSON.stringify({ categories: [{ name: 'wide', hs }] }));
    const longSet = new Set(long);
    const plain = (code: string) => longSet.has(code.slice(0, 8)) || short.some((p) => code.startsWith(p));
    const lines = ['year,reporter,partner,hs_code,flow,value_usd'];
    const byPartner = new Map<string, number>();
    for (let i = 0; i < 40_000; i++) {
      const code =
        i % 10 === 0
          ? ['6309100000', '6401990000', '6505001000', '6506001000'][(i / 10) % 4]
          : `62${String((i * 7919) % 400_000).padStart(6, '0')}${String(i % 100).padStart(2, '0')}`;
      const partner = ['CN', 'VN', 'MX'][i % 3] as string;
      const value = 1 + (i % 997);
      lines.push(`2016,US,${partner},${code},imports,${value}`);
      if (plain(code as string)) byPartner.set(partner, (byPartner.get(partner) ?? 0) + value);
    }
    const data = join(dir, 'wide.csv');
    writeFileSync(data, `${lines.join('\n')}\n`);
    const r = await run([
      'share',
      '--data',
      data,
      '--categories',
      file,
      '--category',
      'wide',
      '--year',
      '2016',
      '--json',
    ]);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).rows as Array<{ code: string; valueUsd: number }>;
    expect(Object.fromEntries(rows.map((x) => [x.code, x.valueUsd]))).toEqual(Object.fromEntries(byPartner));
  }, 60_000);
});

describe('breakdown over 3,000 categories', () => {
  it("gives each category the partner's plain sum and the category's total", async () => {
    const n = 3000;
    const categories = Array.from({ length: n }, (_, i) => ({
      name: `cat-${i}`,
      hs: [`61${String(i).padStart(4, '0')}`],
    }));
    const file = join(dir, 'many.json');
    writeFileSync(file, JSON.stringify({ categories }));
    const lines = ['year,reporter,partner,hs_code,flow,value_usd'];
    const mine = new Map<string, number>();
    const all = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const c = (i * 7) % n;
      const partner = i % 3 === 0 ? 'CN' : 'VN';
      const value = 1 + (i % 991);
      lines.push(
        `2016,US,${partner},61${String(c).padStart(4, '0')}${String(i % 97).padStart(2, '0')},imports,${value}`,
      );
      const name = `cat-${c}`;
      all.set(name, (all.get(name) ?? 0) + value);
      if (partner === 'CN') mine.set(name, (mine.get(name) ?? 0) + value);
    }
    const data = join(dir, 'many.csv');
    writeFileSync(data, `${lines.join('\n')}\n`);
    const r = await run([
      'breakdown',
      '--data',
      data,
      '--categories',
      file,
      '--partner',
      'CN',
      '--year',
      '2016',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const got = (
      out.categories as Array<{ name: string; valueUsd: number; categoryTotal: { valueUsd: number } }>
    )
      .filter((c) => c.name.startsWith('cat-'))
      .map((c) => [c.name, c.valueUsd, c.categoryTotal.valueUsd]);
    const want = [...mine.keys()].map((name) => [name, mine.get(name), all.get(name)]);
    const byName = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(got.sort(byName)).toEqual(want.sort(byName));
  }, 60_000);
});
