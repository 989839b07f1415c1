// The same question as `korus-stats trend --category C --partner P --flow F`, asked of DuckDB: per year, the
// partner's value, its rank and its share of the year's total of the category, the total being the sum of
// the partners (the generated file has no World/total row; run.mjs checks that korus-stats says so too).
// The category's HS prefixes are read from src/catalog/categories.json, as korus-stats reads them.
// Usage: node duckdb-trend.mjs FILE CATEGORY PARTNER [FLOW]. Prints
// {"years": {"2014": {"total": T, "partners": N, "value": V|null, "share": S|null, "rank": R|null}, ...}}.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, category, partner, flow = 'imports'] = process.argv.slice(2);
const catalog = JSON.parse(readFileSync(join(import.meta.dirname, '../src/catalog/categories.json'), 'utf8'));
const def = catalog.categories.find((c) => c.name === category);
if (!def || def.hs.length === 0) throw new Error(`${category}: no HS prefixes in the catalog`);
const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
const matches = def.hs.map((p) => `starts_with(hs_code, ${q(p)})`).join(' OR ');
const instance = await DuckDBInstance.create(':memory:', { threads: process.env.DUCKDB_THREADS ?? '2' });
const con = await instance.connect();
const reader = await con.runAndReadAll(`
  WITH t AS (
    SELECT year, partner, SUM(value_usd) AS v
    FROM read_csv(${q(file)}, header = true, types = {'hs_code': 'VARCHAR', 'partner': 'VARCHAR'})
    WHERE flow = ${q(flow)} AND (${matches})
    GROUP BY year, partner),
  y AS (
    SELECT year, partner, v, SUM(v) OVER w AS total, count(*) OVER w AS partners,
           rank() OVER (PARTITION BY year ORDER BY v DESC) AS rank
    FROM t WINDOW w AS (PARTITION BY year))
  SELECT year, any_value(total) AS total, any_value(partners) AS partners,
         any_value(v) FILTER (WHERE partner = ${q(partner)}) AS v,
         any_value(v / total) FILTER (WHERE partner = ${q(partner)}) AS share,
         any_value(rank) FILTER (WHERE partner = ${q(partner)}) AS rank
  FROM y GROUP BY year ORDER BY year`);
const num = (x) => (x === null ? null : Number(x));
const years = {};
for (const r of reader.getRowObjects())
  years[String(r.year)] = {
    total: num(r.total),
    partners: num(r.partners),
    value: num(r.v),
    share: num(r.share),
    rank: num(r.rank),
  };
process.stdout.write(JSON.stringify({ years }));
