import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

// Source profiles on the project's fixtures in each source's exact layout (test/fixtures/layouts/README.md).
const DIR = join(import.meta.dirname, '../fixtures/layouts');
const fx = (name: string) => join(DIR, name);
const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../schemas/share.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const SHARE = ['share', '--category', 'apparel', '--year', '2016', '--json'];

type Row = {
  kind: string;
  code: string | null;
  name: string;
  valueUsd: number;
  share: number | null;
  highlighted: boolean;
};
type Note = { level: string; code: string; message: string; count?: number };
type Json = {
  query: { by: string; partner: string | null; reporter: string | null };
  rows: Row[];
  total: { valueUsd: number; basis: string };
  notes: Note[];
  category: { matchedBy: string[] };
  input: {
    rowsRead: number;
    rowsUsed: number;
    rowsFiltered: number;
    rowsMissing: number;
    rowsAggregate: number;
    aggregateGroups: number;
    files: Array<Record<string, unknown>>;
  };
};

async function share(args: string[]): Promise<Json> {
  const r = await run([...SHARE, ...args]);
  expect(r.stderr).not.toContain('error');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as Json;
  expect(validate(out), JSON.stringify(validate.errors)).toBe(true);
  const i = out.input;
  expect(i.rowsUsed + i.rowsFiltered + i.rowsMissing + i.rowsAggregate).toBe(i.rowsRead);
  return out;
}

const note = (out: Json, code: string) => out.notes.find((n) => n.code === code);
const value = (out: Json, code: string) => out.rows.find((r) => r.code === code)?.valueUsd;

const tmpDir = mkdtempSync(join(tmpdir(), 'korus-sources-'));
function tmp(name: string, text: string | Buffer): string {
  const path = join(tmpDir, name);
  writeFileSync(path, text);
  return path;
}
/** A fixture with some of its lines taken out (by a test on the line). */
function without(name: string, drop: (line: string) => boolean, eol = '\n'): string {
  const lines = readFileSync(fx(name), 'latin1').split(eol);
  return tmp(`without-${name}`, Buffer.from(lines.filter((l, i) => i === 0 || !drop(l)).join(eol), 'latin1'));
}

describe('UN Comtrade Plus', () => {
  it('portal download: Windows-1252 read without --encoding, trailing commas accepted, other flows named and left out', async () => {
    const out = await share(['--data', fx('comtrade-plus-portal.csv')]);
    expect(out.input.files[0]).toMatchObject({ layout: 'comtrade-plus', trailingEmpty: 17 });
    expect(String(out.input.files[0]?.encoding)).toMatch(
      /^windows-1252 \(the source's encoding: not UTF-8 from line 18, byte 0xF4\)/,
    );
    expect(note(out, 'source-encoding')?.message).toContain('--encoding');
    expect(note(out, 'trailing-empty-field')).toMatchObject({ count: 17 });
    expect(note(out, 'other-flows')?.message).toMatch(/FM \(Foreign import\) 1, DX \(Domestic export\) 1/);
    const exports = await share(['--data', fx('comtrade-plus-portal.csv'), '--flow', 'exports']);
    expect(exports.rows.find((r) => r.code === 'CI')).toMatchObject({ name: "Côte d'Ivoire", valueUsd: 25 });
  });

  it('--encoding utf8 refuses the same file at its first bad byte', async () => {
    const r = await run([...SHARE, '--data', fx('comtrade-plus-portal.csv'), '--encoding', 'utf8']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/comtrade-plus-portal\.csv:18: invalid UTF-8 \(byte 0xF4\)/);
  });

  it('comtradeapicall output: partners from their Comtrade numbers only, second-partner rows left out for their total', async () => {
    const out = await share(['--data', fx('comtrade-plus-api.csv')]);
    expect(note(out, 'dimension-detail')).toMatchObject({ count: 2 });
    expect(value(out, 'CN')).toBe(25_341_270_000);
  });

  it('a second-partner breakdown whose total row is missing is refused, naming the partner and the dimension', async () => {
    // China's HS 61 total (partner2Code 0) taken out: its partner2 rows have nothing to stand for them.
    const file = without('comtrade-plus-api.csv', (l) =>
      /^C,A,20160101,2016,52,2016,842,,,M,,156,,,0,.*,61,/.test(l),
    );
    const r = await run([...SHARE, '--data', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /2016 China 61 \(reporter US\) is broken down by second partner and has no total row/,
    );
  });
});

describe('UN Comtrade legacy', () => {
  it('Comtrade Plus content under legacy names: flows from Trade Flow when Trade Flow Code is 0, dimensions under their legacy names', async () => {
    const out = await share(['--data', fx('comtrade-legacy-plus.csv')]);
    expect(note(out, 'other-flows')?.message).toMatch(
      /FM \(Foreign import\) 1, XOP \(Export of goods for outward processing\) 1/,
    );
    const dims = out.notes.filter((n) => n.code === 'dimension-detail').map((n) => n.message);
    expect(dims.join('; ')).toMatch(/by second partner \(2nd Partner Code\)/);
    expect(dims.join('; ')).toMatch(/by customs procedure \(Customs Proc\. Code\)/);
    expect(dims.join('; ')).toMatch(/by mode of transport \(Mode of Transport Code\)/);
    const exports = await share(['--data', fx('comtrade-legacy-plus.csv'), '--flow', 'exports']);
    expect(exports.total.valueUsd).toBe(4000);
  });

  it('adding the detail rows would count China three times over: the totals-only file gives the same figures', async () => {
    const totals = without(
      'comtrade-legacy-plus.csv',
      (l) => /,(2100|1000),(Sea|Air),|,C03,|,344,China, Hong Kong/.test(l) || /"?China, Hong Kong/.test(l),
      '\r\n',
    );
    const a = await share(['--data', fx('comtrade-legacy-plus.csv')]);
    const b = await share(['--data', totals]);
    expect(b.rows).toEqual(a.rows);
    expect(b.notes.map((n) => n.code)).not.toContain('dimension-detail');
  });

  it('SITC codes: apparel is matched by its SITC definition (division 84); steel, defined in HS only, is refused naming SITC', async () => {
    const out = await share(['--data', fx('comtrade-legacy-sitc.csv')]);
    expect(out.category.matchedBy).toEqual(['sitc-code']);
    const r = await run([
      'share',
      '--data',
      fx('comtrade-legacy-sitc.csv'),
      '--category',
      'steel',
      '--year',
      '2016',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /category "steel" is defined by HS codes \(72, 73\) and the data's \d+ codes? are SITC/,
    );
  });

  it('a cut-down file with no partner column is taken as World, and says so', async () => {
    const file = tmp(
      'cut.csv',
      'Year,Trade Flow,Commodity Code,Commodity,Trade Value (US$)\n2015,Export,61,"Knit apparel, etc.",100\n2015,Export,62,Woven,50\n2015,Import,61,Knit,7\n',
    );
    const r = await run(['share', '--data', file, '--category', 'apparel', '--flow', 'exports', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Json;
    expect(out.total).toMatchObject({ valueUsd: 150, basis: 'reported-total' });
    expect(out.rows.filter((x) => x.kind === 'partner')).toEqual([]);
    expect(note(out, 'no-partner-column')?.message).toContain('--set partner=');
  });
});

describe('comtradr', () => {
  it('old ct_search output: its trade_flow_code is read, so imports and exports are never added', async () => {
    const imports = await share(['--data', fx('comtradr-ct-search.csv')]);
    expect(imports.total.valueUsd).toBe(80_713_830_000);
    expect(note(imports, 'row-names')).toBeDefined();
    const exports = await share(['--data', fx('comtradr-ct-search.csv'), '--flow', 'exports']);
    expect(exports.total.valueUsd).toBe(6_000_000_000);
    expect(value(exports, 'CN')).toBe(2_000_000);
  });
});

describe('US Census', () => {
  it('group rows by code (0003, 0014, 1XXX, 5XXX) with no SUMMARY_LVL column are never partners', async () => {
    const out = await share(['--data', fx('census-groups.csv')]);
    expect(out.input.aggregateGroups).toBe(8);
    expect(out.rows.map((r) => r.code)).toEqual(['CN', 'VN', 'BD', 'ID', 'IN', 'KR', null]);
  });

  it("port data from R: asks for --measure, naming both; reads past R's column names and row numbers; ports left out for their total", async () => {
    const r = await run([...SHARE, '--data', fx('census-port-r.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2 value measures and none is the default: AIR_VAL_YR .*; CNT_VAL_YR/);
    expect(r.stderr).toContain('--measure');
    const out = await share(['--data', fx('census-port-r.csv'), '--measure', 'CNT_VAL_YR']);
    expect(out.input.files[0]).toMatchObject({
      headerLine: 2,
      skippedLines: [1],
      rowNames: true,
      measure: 'CNT_VAL_YR',
    });
    expect(note(out, 'dimension-detail')?.message).toMatch(/by port \(PORT\)/);
    const air = await share(['--data', fx('census-port-r.csv'), '--measure', 'AIR_VAL_YR']);
    expect(air.total.valueUsd).toBe(Math.round(44392606000 / 100) + Math.round(36321224000 / 100));
  });

  it('a Census answer with codes only: every Schedule C code is known (4621 is Russia)', async () => {
    const json = JSON.stringify([
      ['CTY_CODE', 'GEN_VAL_YR', 'I_COMMODITY', 'YEAR', 'MONTH'],
      ['4621', '500', '61', '2016', '12'],
      ['5700', '300', '61', '2016', '12'],
      ['-', '1000', '61', '2016', '12'],
    ]);
    const r = await run([...SHARE, '--data', '-', '--partner', 'RU'], { stdin: json });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Json;
    expect(out.rows.find((x) => x.highlighted)).toMatchObject({ code: 'RU', valueUsd: 500, share: 0.5 });
  });
});

describe('the flow asked for', () => {
  it('a Census exports answer asked for imports says which flow its rows are, and how to ask', async () => {
    const json = JSON.stringify([
      ['CTY_CODE', 'CTY_NAME', 'ALL_VAL_YR', 'E_COMMODITY', 'YEAR', 'MONTH'],
      ['5700', 'CHINA', '100', '61', '2016', '12'],
      ['-', 'TOTAL FOR ALL COUNTRIES', '500', '61', '2016', '12'],
    ]);
    const r = await run([...SHARE, '--data', '-'], { stdin: json });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("the data's apparel rows are exports (2 rows)");
    expect(r.stderr).toContain('--flow exports');
    const ok = await run([...SHARE, '--data', '-', '--flow', 'exports'], { stdin: json });
    expect((JSON.parse(ok.stdout) as Json).total.valueUsd).toBe(500);
  });
});

describe('World Bank WITS', () => {
  it('region rows are groups, " World" (with its space) the total, values in thousands, the value column by --flow', async () => {
    const out = await share(['--data', fx('wits-partner.csv'), '--set', 'category=apparel']);
    expect(out.input.aggregateGroups).toBe(2);
    expect(out.total).toMatchObject({ valueUsd: 80_713_830_000, basis: 'reported-total' });
    expect(out.input.files[0]).toMatchObject({ measure: 'Import (US$ Thousand)' });
    const exports = await share([
      '--data',
      fx('wits-partner.csv'),
      '--set',
      'category=apparel',
      '--flow',
      'exports',
    ]);
    expect(exports.total.valueUsd).toBe(6_000_000_000);
  });

  it('without the region rows the figures are the same', async () => {
    const file = without('wits-partner.csv', (l) => /East Asia & Pacific|South Asia/.test(l), '\r\n');
    const a = await share(['--data', fx('wits-partner.csv'), '--set', 'category=apparel']);
    const b = await share(['--data', file, '--set', 'category=apparel']);
    expect(b.rows).toEqual(a.rows);
  });
});

describe('USITC DataWeb', () => {
  it('monthly layout: months added to the year, the Total row and title lines passed over, the flow from the title', async () => {
    const out = await share(['--data', fx('dataweb-monthly.csv'), '--set', 'category=apparel']);
    expect(out.input.files[0]).toMatchObject({ variant: 'monthly', headerLine: 3, footerLines: [16] });
    expect(out.total).toMatchObject({ valueUsd: 50_393_120_000, basis: 'sum-of-partners' });
    expect(value(out, 'KR')).toBe(251_000_000);
    expect(note(out, 'footer-row')?.message).toContain('passed over');
    expect(out.input.files[0]?.constants).toMatchObject({ flow: { value: 'imports' } });
  });
});

describe('CEPII BACI', () => {
  it("imports are the importer's (j), values in thousands, HS6 codes that lost a zero padded; the denominator the partners", async () => {
    const out = await share(['--data', fx('baci.csv'), '--reporter', 'US']);
    expect(out.total).toMatchObject({ valueUsd: 50_393_120_000, basis: 'sum-of-partners' });
    expect(value(out, 'IN')).toBe(3_600_100_000);
    const r = await run([
      'share',
      '--data',
      fx('baci.csv'),
      '--reporter',
      'US',
      '--category',
      'apparel',
      '--flow',
      'exports',
      '--json',
    ]);
    const exports = JSON.parse(r.stdout) as Json;
    expect(exports.rows[0]).toMatchObject({ code: 'CN', valueUsd: 12_345_000 });
    const horses = await run([
      'share',
      '--data',
      fx('baci.csv'),
      '--reporter',
      'US',
      '--category',
      'live-horses',
      '--categories',
      tmp('h.json', JSON.stringify({ categories: [{ name: 'live-horses', hs: ['0101'] }] })),
      '--json',
    ]);
    const h = JSON.parse(horses.stdout) as Json;
    expect(h.total.valueUsd).toBe(6 * 7500);
    expect(note(h, 'hs-code-repadded')?.message).toContain('10121 is 010121');
  });
});

describe('CEPII BACI with its country-codes file', () => {
  it('the codes file is a lookup, read first wherever it stands, never data; its names stand for codes the catalog lacks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'korus-baci-'));
    writeFileSync(
      join(dir, 'BACI_HS17_Y2016_V202401.csv'),
      't,i,j,k,v,q\n2016,156,842,610910,100,1\n2016,9999,842,610910,50,1\n',
    );
    writeFileSync(
      join(dir, 'country_codes_V202401.csv'),
      'country_code,country_name,country_iso2,country_iso3\n156,China,CN,CHN\n842,USA,US,USA\n9999,Atlantis,,\n',
    );
    const out = await share(['--data', dir, '--reporter', 'US']);
    expect(out.rows.map((r) => [r.code, r.valueUsd])).toEqual([
      ['CN', 100_000],
      ['Atlantis', 50_000],
    ]);
    expect(out.input.files.map((f) => String(f.name).replace(/.*\//, ''))).toEqual([
      'BACI_HS17_Y2016_V202401.csv',
    ]);
    expect(note(out, 'code-table')?.message).toContain('3 country codes');
  });
});

describe('files no profile knows', () => {
  it('a flow column that is not read is refused, never summed over', async () => {
    const file = tmp(
      'rg.csv',
      'year,partner,category,rgDesc,value\n2016,CN,apparel,Import,10\n2016,CN,apparel,Export,20\n',
    );
    const r = await run([...SHARE, '--data', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/column "rgDesc" looks like a trade flow.*imports and exports together/);
  });

  it('import and export value columns side by side: the one --flow asks for', async () => {
    const file = tmp(
      'ie.csv',
      'year,partner,category,Imports (US$),Exports (US$)\n2016,CN,apparel,10,3\n2016,KR,apparel,5,4\n',
    );
    const imports = await share(['--data', file]);
    expect(imports.total.valueUsd).toBe(15);
    const exports = await share(['--data', file, '--flow', 'exports']);
    expect(exports.total.valueUsd).toBe(7);
  });

  it('a header no profile knows lists what each profile expects', async () => {
    const r = await run([...SHARE, '--data', tmp('odd.csv', 'when,who,what,howmuch\n2016,CN,apparel,1\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no source profile recognised it');
    expect(r.stderr).toContain('UN Comtrade Plus: refYear');
    expect(r.stderr).toContain('CEPII BACI: t, i, j, k, v, q');
  });

  it('--layout overrides detection, and the output names the profile used', async () => {
    const out = await share(['--data', fx('census-groups.csv'), '--layout', 'census']);
    expect(out.input.files[0]).toMatchObject({ layout: 'census' });
    const r = await run([
      'share',
      '--category',
      'apparel',
      '--year',
      '2016',
      '--data',
      fx('comtrade-plus-portal.csv'),
    ]);
    expect(r.stdout).toContain('(UN Comtrade Plus (v1 API) profile)');
  });
});

describe('the same bytes twice', () => {
  it('two inputs with identical bytes stop the run, naming both', async () => {
    const a = tmp('same-a.csv', readFileSync(fx('canonical.csv')));
    const b = tmp('same-b.csv', readFileSync(fx('canonical.csv')));
    const r = await run([...SHARE, '--data', a, b]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /same-b\.csv has the same bytes as .*same-a\.csv: reading both would count every row twice/,
    );
  });
});

describe('several reporters, one partner', () => {
  const file = () =>
    tmp(
      'soy.csv',
      'year,reporter,flow,partner,hs_code,value\n2023,BR,exports,CN,1201,70\n2023,US,exports,CN,1201,25\n2023,AR,exports,CN,1201,5\n',
    );
  const SOY = ['share', '--categories', '', '--flow', 'exports', '--year', '2023', '--json'];

  it('--partner with reporters only trading with it answers by reporter, and says so; --by reporter asks it outright', async () => {
    const cats = tmp('soy.json', JSON.stringify({ categories: [{ name: 'soybeans', hs: ['1201'] }] }));
    const args = (extra: string[]) => [
      ...SOY.map((a) => (a === '' ? cats : a)),
      '--category',
      'soybeans',
      '--data',
      file(),
      ...extra,
    ];
    const r = await run(args(['--partner', 'CN']));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Json;
    expect(out.query).toMatchObject({ by: 'reporter', partner: 'CN' });
    expect(out.rows.map((x) => [x.code, x.share])).toEqual([
      ['BR', 0.7],
      ['US', 0.25],
      ['AR', 0.05],
    ]);
    expect(note(out, 'by-reporter')).toBeDefined();
    const explicit = JSON.parse((await run(args(['--partner', 'CN', '--by', 'reporter']))).stdout) as Json;
    expect(explicit.rows).toEqual(out.rows);
    const refused = await run(args([]));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--by reporter');
  });
});

describe('validate and share apply the same rule to the same rows', () => {
  it('a repeated row: share counts it and warns; validate warns (valid), and --strict fails it', async () => {
    const file = tmp(
      'repeat.csv',
      'year,reporter,flow,partner,hs_code,value_usd\n2016,US,imports,World,6109,100\n2016,US,imports,CN,6109,30\n2016,US,imports,CN,6109,30\n',
    );
    const s = await share(['--data', file]);
    expect(value(s, 'CN')).toBe(60);
    expect(note(s, 'duplicate-rows')).toMatchObject({ level: 'warning', count: 1 });
    const v = await run(['validate', file, '--format', 'json']);
    expect(v.code).toBe(0);
    const report = JSON.parse(v.stdout) as {
      problems: Array<{ code: string; severity: string; line: number }>;
    };
    expect(report.problems.filter((p) => p.code === 'duplicate-row')).toMatchObject([
      { severity: 'warning', line: 4 },
    ]);
    const strict = await run(['validate', file, '--strict']);
    expect(strict.code).toBe(1);
  });

  it('a second World row: share stops, validate reports an error', async () => {
    const file = tmp(
      'two-worlds.csv',
      'year,reporter,flow,partner,hs_code,value_usd\n2016,US,imports,World,6109,100\n2016,US,imports,World,6109,100\n2016,US,imports,CN,6109,30\n',
    );
    const s = await run([...SHARE, '--data', file]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/two World\/total rows for 2016 World 6109/);
    const v = await run(['validate', file, '--format', 'json']);
    expect(v.code).toBe(1);
    expect(v.stdout).toContain('"duplicate-total"');
  });

  it('a Comtrade portal file with trailing commas validates as analyses read it (a warning, no extra-cell errors)', async () => {
    const v = await run(['validate', fx('comtrade-plus-portal.csv'), '--format', 'json']);
    const report = JSON.parse(v.stdout) as { problems: Array<{ code: string; severity: string }> };
    expect(report.problems.map((p) => p.code)).not.toContain('extra-cell');
    expect(report.problems.find((p) => p.code === 'trailing-empty-field')).toMatchObject({
      severity: 'warning',
    });
  });
});

describe('WITS series', () => {
  it('the Indicator cell is the unit and the basis; indicators that are not money are left out', async () => {
    const file = tmp(
      'wits-series.csv',
      'Reporter Name,Partner Name,Trade Flow,Product Group,Indicator,2020,2021\nAustralia,China,Import,All Products,Import (US$ Thousand),100,200\nAustralia,China,Import,All Products,Import Partner Share (%),20,25\nAustralia,Japan,Import,All Products,Import (US$ Thousand),50,60\nAustralia, World,Import,All Products,Import (US$ Thousand),500,800\nAustralia,China,Export,All Products,Export (US$ Thousand),7,8\n',
    );
    const r = await run([
      'share',
      '--data',
      file,
      '--category',
      'all-commodities',
      '--year',
      '2021',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Json & { valueBasis: string[] };
    expect(out.total.valueUsd).toBe(800_000);
    expect(value(out, 'CN')).toBe(200_000);
    expect(out.valueBasis).toEqual(['Import (US$ Thousand)']);
    expect(note(out, 'not-money')).toMatchObject({ count: 2 });
  });
});

describe('USITC DataWeb workbooks (.xlsx)', () => {
  const XLSX = join(import.meta.dirname, '../fixtures/xlsx');
  it('a one-country query: the partner and flow from Query Parameters, breakdown shares of its Total row', async () => {
    const r = await run([
      'breakdown',
      '--data',
      join(XLSX, 'dataweb-exports-aggregated.xlsx'),
      '--partner',
      'CN',
      '--flow',
      'exports',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      partnerTotal: { valueUsd: number; basis: string };
      categories: Array<{ name: string; valueUsd: number; shareOfPartnerTotal: number }>;
      input: { files: Array<{ name: string; sheet: string; layout: string }> };
    };
    expect(out.partnerTotal).toMatchObject({ valueUsd: 51_881_003_169, basis: 'reported-all-commodities' });
    const tex = out.categories.find((c) => c.name === 'textiles-and-apparel');
    expect(tex?.shareOfPartnerTotal).toBeCloseTo((tex?.valueUsd ?? 0) / 51_881_003_169, 15);
    expect(out.input.files[0]).toMatchObject({ sheet: 'FAS Value', layout: 'dataweb' });
    expect(out.input.files[0]?.name).toMatch(/dataweb-exports-aggregated\.xlsx\[FAS Value\]$/);
  });

  it('a workbook by country: the value sheet is read, the quantity sheet passed over; --measure reads that one instead', async () => {
    const out = await share(['--data', join(XLSX, 'dataweb-imports-by-country.xlsx'), '--year', '2023']);
    expect(out.total.valueUsd).toBe(21_286_155_864);
    expect(note(out, 'sheets-skipped')?.message).toContain('[First Unit of Quantity]');
    const r = await run([
      ...SHARE,
      '--data',
      join(XLSX, 'dataweb-imports-by-country.xlsx'),
      '--year',
      '2023',
      '--measure',
      'First Unit of Quantity',
    ]);
    const q = JSON.parse(r.stdout) as Json;
    expect(q.total.valueUsd).toBe(980_287_911);
  });

  it('validate reads every data sheet; a folder of workbooks is read too', async () => {
    const v = await run(['validate', join(XLSX, 'dataweb-imports-by-country.xlsx'), '--format', 'json']);
    expect(v.code).toBe(0);
    const report = JSON.parse(v.stdout) as { files: Array<{ name: string; layout: string }> };
    expect(report.files.map((f) => f.name.replace(/.*\//, ''))).toEqual([
      'dataweb-imports-by-country.xlsx[Customs Value]',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'korus-books-'));
    writeFileSync(join(dir, 'a.xlsx'), readFileSync(join(XLSX, 'dataweb-imports-by-country.xlsx')));
    const folder = await share(['--data', dir, '--year', '2023']);
    expect(folder.total.valueUsd).toBe(21_286_155_864);
  });
});

describe('other containers', () => {
  it('a UN Comtrade API answer saved as JSON ({data: [objects]}) reads as the CSV does', async () => {
    const rows = [
      {
        refYear: 2016,
        flowCode: 'M',
        partnerCode: 0,
        partnerISO: 'W00',
        cmdCode: '61',
        primaryValue: 1000,
        isReported: true,
      },
      {
        refYear: 2016,
        flowCode: 'M',
        partnerCode: 410,
        partnerISO: 'KOR',
        cmdCode: '61',
        primaryValue: 251,
        isReported: false,
      },
    ];
    const r = await run([...SHARE, '--data', '-'], {
      stdin: JSON.stringify({ elapsedTime: '1 sec', count: 2, data: rows }),
    });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Json;
    expect(out.input.files[0]).toMatchObject({ layout: 'comtrade-plus' });
    expect(out.rows.find((x) => x.code === 'KR')).toMatchObject({ valueUsd: 251, share: 0.251 });
  });

  it('a tab-separated file read with the default comma: the tabs are found from the header, and said', async () => {
    const out = await share([
      '--data',
      tmp('tabs.txt', 'year\tpartner\ths_code\tvalue\n2016\tCN\t6109\t10\n2016\tKR\t6109\t5\n'),
    ]);
    expect(out.total.valueUsd).toBe(15);
    expect(note(out, 'delimiter-found')?.message).toContain('tab-separated');
  });
});

describe('headers in Korean', () => {
  it('a K-stat-style export: Korean column and country names, a value column per flow, the unit in the header', async () => {
    const file = tmp(
      'kstat.csv',
      '연도,국가명,HS코드,수출금액(천달러),수입금액(천달러)\n2016,중국,6109,10,20\n2016,일본,6109,5,7\n',
    );
    const exports = await share(['--data', file, '--flow', 'exports']);
    expect(exports.rows.map((r) => [r.code, r.valueUsd])).toEqual([
      ['CN', 10_000],
      ['JP', 5_000],
    ]);
    const imports = await share(['--data', file]);
    expect(imports.total.valueUsd).toBe(27_000);
  });

  it('an unread flow column in Korean (수출입구분) is refused', async () => {
    const file = tmp(
      'kflow.csv',
      '연도,국가명,HS코드,수출입구분,금액\n2016,중국,6109,수출,10\n2016,중국,6109,수입,20\n',
    );
    const r = await run([...SHARE, '--data', file, '--columns', 'value=금액']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('looks like a trade flow');
  });
});

describe("Comtrade's Other Asia, nes", () => {
  const file = () =>
    tmp(
      'other-asia.csv',
      'refYear,flowCode,reporterISO,partnerCode,partnerISO,partnerDesc,cmdCode,primaryValue\n2022,M,CHN,0,W00,World,TOTAL,100\n2022,M,CHN,490,S19,"Other Asia, nes",TOTAL,30\n2022,M,CHN,410,KOR,Rep. of Korea,TOTAL,20\n2021,M,CHN,0,W00,World,TOTAL,90\n2021,M,CHN,490,S19,"Other Asia, nes",TOTAL,25\n',
    );
  it('is a partner of its own, selectable as itself, found for --partner TW with a note, in share and trend', async () => {
    const args = ['share', '--data', file(), '--category', 'all-commodities', '--year', '2022', '--json'];
    for (const p of ['490', 'Other Asia, nes', 'S19', 'TW']) {
      const out = JSON.parse((await run([...args, '--partner', p])).stdout) as Json;
      expect(out.rows.find((r) => r.highlighted)).toMatchObject({ code: 'S19', valueUsd: 30, share: 0.3 });
      expect(note(out, 'partner-stand-in')).toBeDefined();
    }
    const t = await run([
      'trend',
      '--data',
      file(),
      '--category',
      'all-commodities',
      '--partner',
      'TW',
      '--json',
    ]);
    expect(t.code).toBe(0);
    const trend = JSON.parse(t.stdout) as {
      series: Array<{ code: string; points: Array<{ valueUsd: number }> }>;
      notes: Note[];
    };
    expect(trend.series[0]).toMatchObject({ code: 'S19' });
    expect(trend.series[0]?.points.map((p) => p.valueUsd)).toEqual([25, 30]);
    expect(trend.notes.filter((n) => n.code === 'partner-stand-in')).toHaveLength(1);
  });
});
