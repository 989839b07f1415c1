// The same question as `korus-stats breakdown --partner P --year Y --flow F`, asked of DuckDB: for every
// catalog category in which the partner has rows in the year, the partner's value this year and last, the
// category's total both years (the sum of the partners: the generated file has no World/total row), the
// partner's rank and the number of partners, and the partner's total. The SQL is made from
// src/catalog/categories.json: a row is in a category when its HS code starts with one of the category's
// prefixes, and in every such category (HS 6109 in apparel and in textiles-and-apparel).
//
// Two things korus-stats does that this query does not: categories matched by a category column's label
// (labelOnly) or by an exact code (all-commodities' TOTAL) are left out, as the generated file has neither a
// category column nor a TOTAL code (run.mjs checks that korus-stats lists none of them); and korus-stats adds
// the partner's top-level categories (those whose definition is within no other's) into its total, where
// this query adds the partner's rows that are in any category, each row once: the same sum when the
// top-level categories do not overlap, as in the built-in catalog.
// Usage: node duckdb-breakdown.mjs FILE PARTNER YEAR [FLOW]. Prints
// {"partnerTotal": V, "previousPartnerTotal": V, "categories": {"apparel": {"value", "previous", "total",
// "previousTotal", "rank", "partners", "shareOfCategory", "shareOfPartnerTotal", "changeFraction"}, ...}}.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [file, partner, yearArg, flow = 'imports'] = process.argv.slice(2);
const year = Number(yearArg);
if (!Number.isInteger(year)) throw new Error(`year: ${yearArg}`);
const catalog = JSON.parse(readFileSync(join(import.meta.dirname, '../src/catalog/categories.json'), 'utf8'));
const q = (s) => `'${String(s).replaceAll("'", "''")}'`;
const prefixes = catalog.categories.flatMap((c) => c.hs.map((p) => `(${q(c.name)}, ${q(p)})`));
const instance = await DuckDBInstance.create(':memory:', { threads: process.env.DUCKDB_THREADS ?? '2' });
const con = await instance.connect();
const reader = await con.runAndReadAll(`
  WITH cats(name, prefix) AS (VALUES ${prefixes.join(', ')}),
  t AS (
    SELECT year, partner, hs_code, SUM(value_usd) AS v
    FROM read_csv(${q(file)}, header = true, types = {'hs_code': 'VARCHAR', 'partner': 'VARCHAR'})
    WHERE flow = ${q(flow)} AND year IN (${year - 1}, ${year})
    GROUP BY ALL),
  codes AS (
    SELECT DISTINCT c.name, k.hs_code
    FROM (SELECT DISTINCT hs_code FROM t) k JOIN cats c ON starts_with(k.hs_code, c.prefix)),
  cp AS (SELECT codes.name, t.year, t.partner, SUM(t.v) AS v FROM t JOIN codes USING (hs_code) GROUP BY ALL),
  ranked AS (
    SELECT name, year, partner, v, SUM(v) OVER w AS total, count(*) OVER w AS partners,
           rank() OVER (PARTITION BY name, year ORDER BY v DESC) AS rank
    FROM cp WINDOW w AS (PARTITION BY name, year)),
  totals AS (SELECT DISTINCT name, year, total FROM ranked),
  pt AS (
    SELECT SUM(v) FILTER (WHERE year = ${year}) AS v, SUM(v) FILTER (WHERE year = ${year - 1}) AS prev
    FROM t WHERE partner = ${q(partner)} AND hs_code IN (SELECT hs_code FROM codes))
  SELECT cur.name, cur.v, cur.total, cur.rank, cur.partners, prev.v AS prev_v, pc.total AS prev_total,
         cur.v / cur.total AS share_of_category, (cur.v - prev.v) / prev.v AS change_fraction,
         pt.v AS partner_total, pt.prev AS prev_partner_total, cur.v / pt.v AS share_of_partner
  FROM ranked cur
  LEFT JOIN ranked prev ON prev.name = cur.name AND prev.partner = cur.partner AND prev.year = ${year - 1}
  LEFT JOIN totals pc ON pc.name = cur.name AND pc.year = ${year - 1}
  CROSS JOIN pt
  WHERE cur.year = ${year} AND cur.partner = ${q(partner)}
  ORDER BY cur.name`);
const num = (x) => (x === null ? null : Number(x));
const out = { partnerTotal: null, previousPartnerTotal: null, categories: {} };
for (const r of reader.getRowObjects()) {
  out.partnerTotal = num(r.partner_total);
  out.previousPartnerTotal = num(r.prev_partner_total);
  out.categories[r.name] = {
    value: num(r.v),
    previous: num(r.prev_v),
    total: num(r.total),
    previousTotal: num(r.prev_total),
    rank: num(r.rank),
    partners: num(r.partners),
    shareOfCategory: num(r.share_of_category),
    shareOfPartnerTotal: num(r.share_of_partner),
    changeFraction: num(r.change_fraction),
  };
}
process.stdout.write(JSON.stringify(out));
