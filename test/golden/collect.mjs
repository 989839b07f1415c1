// Gathers the JSON lines written by the test runs (KORUS_GOLDEN_DIR) into one file keyed like
// sweep.mjs's, for compare.mjs: node test/golden/collect.mjs DIR OUT.json
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, outFile] = process.argv.slice(2);
const out = {};
for (const name of readdirSync(dir).sort()) {
  const parser = name.split('.').at(-2);
  for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line);
    out[`${parser}: ${r.key}`] = { code: r.code, stdout: r.stdout, stderr: r.stderr, argv: r.argv };
  }
}
writeFileSync(outFile, JSON.stringify(out, null, 1));
console.error(`collected ${Object.keys(out).length} runs into ${outFile}`);
