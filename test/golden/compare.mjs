// Compares two outputs of sweep.mjs (or of the recorded test runs): lists every run whose exit
// code, stdout or stderr differs. Exit 1 when stdout or the code differs, or a run is missing.
import { readFileSync } from 'node:fs';

const [a, b] = process.argv.slice(2).map((p) => JSON.parse(readFileSync(p, 'utf8')));
let stdoutDiffs = 0;
let stderrDiffs = 0;
let missing = 0;
for (const key of Object.keys(a)) {
  const x = a[key];
  const y = b[key];
  if (!y) {
    missing++;
    console.log(`missing: ${key}`);
    continue;
  }
  if (x.code !== y.code || x.stdout !== y.stdout) {
    stdoutDiffs++;
    console.log(`stdout/code differs: ${key}`);
  } else if (x.stderr !== y.stderr) {
    stderrDiffs++;
    console.log(`stderr differs: ${key}`);
  }
}
const extra = Object.keys(b).filter((k) => !(k in a)).length;
console.log(
  `${Object.keys(a).length} runs: ${stdoutDiffs} differ in stdout or exit code, ${stderrDiffs} in stderr only, ${missing} missing, ${extra} new`,
);
process.exitCode = stdoutDiffs || missing ? 1 : 0;
