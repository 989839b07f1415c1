// Runs every command on the bundled data and on every test fixture, in JSON and CSV (and the
// report formats of validate and check), and writes what each printed to one JSON file, so that
// a restructuring can be checked byte for byte: node test/golden/sweep.mjs OUT.json, then
// node test/golden/compare.mjs BEFORE.json AFTER.json. Needs `npm run build` first.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { main } = await import(join(root, 'dist/cli.js'));

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(csv|tsv|txt|json|xlsx|gz)$/.test(name) && !/\.(checks|categories)\.json$/.test(name))
      out.push(p);
  }
  return out;
}

function sink() {
  const chunks = [];
  const s = new Writable({
    write(c, _e, d) {
      chunks.push(c.toString());
      d();
    },
  });
  s.isTTY = false;
  s.text = () => chunks.join('');
  return s;
}

async function once(argv) {
  const stdout = sink();
  const stderr = sink();
  const env = {
    NO_COLOR: '1',
    ...(process.env.KORUS_PARSER ? { KORUS_PARSER: process.env.KORUS_PARSER } : {}),
  };
  const code = await main(argv, { stdin: Readable.from([]), stdout, stderr, env, cwd: root });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const inputs = ['data', ...files(join(root, 'test/fixtures')).map((p) => relative(root, p))];
const checks = files(join(root, 'test/fixtures/check'))
  .concat(
    readdirSync(join(root, 'test/fixtures/check'))
      .filter((n) => n.endsWith('.checks.json'))
      .map((n) => join(root, 'test/fixtures/check', n)),
  )
  .map((p) => relative(root, p));
const questions = [
  ['share'],
  ['share', '--category', 'apparel'],
  ['share', '--category', 'apparel', '--year', '2016', '--partner', 'KR', '--top', '3'],
  ['share', '--category', 'all-commodities'],
  ['share', '--category', 'apparel', '--ytd'],
  ['share', '--category', 'apparel', '--year-ending'],
  ['share', '--category', 'apparel', '--dedupe'],
  ['trend', '--category', 'apparel'],
  ['trend', '--category', 'apparel', '--partner', 'KR', '--concentration'],
  ['trend', '--category', 'textiles-and-apparel', '--top', '3'],
  ['breakdown', '--partner', 'KR'],
  ['breakdown', '--partner', 'CN'],
];
const formats = [['--json'], ['--format', 'csv']];
const out = {};
let n = 0;
for (const input of inputs) {
  for (const q of questions) {
    for (const f of formats) {
      const argv = [...q, '--data', input, ...f];
      out[argv.join(' ')] = await once(argv);
      n++;
    }
  }
  for (const f of [['--json'], ['--format', 'github'], ['--format', 'junit'], ['--structure', '--json']]) {
    const argv = ['validate', input, ...f];
    out[argv.join(' ')] = await once(argv);
    n++;
  }
}
for (const rules of checks.filter((c) => !c.endsWith('.csv'))) {
  for (const f of [['--json'], ['--format', 'junit']]) {
    for (const data of ['data', 'test/fixtures/check/trade.csv']) {
      const argv = ['check', rules, '--data', data, ...f];
      out[argv.join(' ')] = await once(argv);
      n++;
    }
  }
}
for (const f of [['--json'], ['--format', 'csv']]) {
  for (const extra of [[], ['--categories', 'test/fixtures/breakdown/knit.categories.json']]) {
    const argv = ['categories', ...extra, ...f];
    out[argv.join(' ')] = await once(argv);
    n++;
  }
}
writeFileSync(process.argv[2] ?? 'golden.json', JSON.stringify(out, null, 1));
console.error(`golden: ${n} runs written to ${process.argv[2] ?? 'golden.json'}`);
