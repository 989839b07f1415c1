// The same question as `korus-stats share --category apparel --year 2016 --flow imports`, asked of DuckDB:
// each partner's value and share of HS 61+62 imports in 2016. Prints {"partner": [valueUsd, share], ...}.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const threads = process.env.DUCKDB_THREADS ?? '2';
const instance = await DuckDBInstance.create(':memory:', { threads });
const con = await instance.connect();
const path = file.replaceAll("'", "''");
const reader = await con.runAndReadAll(`
  SELECT partner, SUM(value_usd) AS v, SUM(value_usd) / SUM(SUM(value_usd)) OVER () AS share
  FROM read_csv('${path}', header = true, types = {'hs_code': 'VARCHAR', 'partner': 'VARCHAR'})
  WHERE year = 2016 AND flow = 'imports' AND (starts_with(hs_code, '61') OR starts_with(hs_code, '62'))
  GROUP BY partner`);
const out = {};
for (const row of reader.getRowObjects()) out[row.partner] = [Number(row.v), Number(row.share)];
process.stdout.write(JSON.stringify(out));
