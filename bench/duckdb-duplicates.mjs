// DuckDB's answer to validate's duplicate-key check: the keys (year, reporter, partner, code, flow) that
// repeat and the rows they hold. Prints {"keys": N, "rows": M}.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const instance = await DuckDBInstance.create(':memory:', { threads: process.env.DUCKDB_THREADS ?? '2' });
const con = await instance.connect();
const path = file.replaceAll("'", "''");
const reader = await con.runAndReadAll(`
  SELECT count(*) AS keys, sum(n) AS rows FROM (
    SELECT year, reporter, partner, hs_code, flow, count(*) AS n
    FROM read_csv('${path}', header = true, types = {'hs_code': 'VARCHAR', 'partner': 'VARCHAR'})
    GROUP BY ALL HAVING count(*) > 1)`);
const [row] = reader.getRowObjects();
process.stdout.write(JSON.stringify({ keys: Number(row.keys), rows: Number(row.rows) }));
