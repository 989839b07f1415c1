// npm run conformance: every case of ../shared/reference/real/expected.json (real downloads that other
// people committed to public repositories, with answers computed independently from their raw rows), run
// with only the flags that state the question, and compared with the expected totals and shares.
//
// The recorded commands carry flags a user should not need (--columns, --skip-lines, --unit, --encoding,
// --set flow): those are dropped. A dropped `--columns value=X` stays as `--measure X` only when the
// question itself names X (the Census question asks for containerized-vessel values, CNT_VAL_YR).
// A partner the rows do not list under its code is asked for with --partner (Comtrade's "Other Asia, nes"
// is how Taiwan appears; korus-stats must find it and say so).
//
// Environment: KORUS_REAL_DIR (default ../shared/reference/real beside the checkout).
// Exit 0 when every case is right (or the folder is absent: skipped), 1 when one is not.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REAL = resolve(process.env.KORUS_REAL_DIR ?? join(ROOT, '../shared/reference/real'));
const BIN = join(ROOT, 'bin/korus-stats.js');
const TOLERANCE = 1e-6;

if (!existsSync(join(REAL, 'expected.json'))) {
  console.log(`conformance: skipped (no ${REAL}/expected.json; set KORUS_REAL_DIR to run it)`);
  process.exit(0);
}

/** A command line as a shell would split it (single and double quotes, within words too). */
function words(line) {
  const out = [];
  let cur = null;
  let quote = null;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = null;
      else cur += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      cur ??= '';
    } else if (/\s/.test(c)) {
      if (cur !== null) out.push(cur);
      cur = null;
    } else cur = (cur ?? '') + c;
  }
  if (cur !== null) out.push(cur);
  return out;
}

/** The flags that state the question: the recorded command without the flags a user should not need. */
export function questionArgs(command, question) {
  const w = words(command);
  const out = [];
  for (let i = 0; i < w.length; i++) {
    const flag = w[i];
    const value = w[i + 1];
    if (flag === '--columns') {
      for (const part of value.split(/,(?=[a-z_]+=)/)) {
        const field = part.slice(0, part.indexOf('='));
        const name = part.slice(part.indexOf('=') + 1);
        if (field === 'value' && question.includes(name)) out.push('--measure', name);
      }
      i++;
    } else if (['--skip-lines', '--unit', '--encoding'].includes(flag)) i++;
    else if (flag === '--set' && value.startsWith('flow=')) i++;
    else out.push(flag);
  }
  return out;
}

function run(args) {
  const r = spawnSync(process.execPath, [BIN, ...args, '--json', '--quiet'], {
    cwd: REAL,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  if (r.status !== 0) return { error: `exit ${r.status}: ${r.stderr.trim().split('\n')[0]}` };
  try {
    return { json: JSON.parse(r.stdout) };
  } catch (e) {
    return { error: `not JSON: ${e.message}` };
  }
}

const close = (a, b) => typeof a === 'number' && Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b));
const closeShare = (a, b) => typeof a === 'number' && Math.abs(a - b) <= TOLERANCE;
const fmt = (v) =>
  typeof v === 'number' ? v.toLocaleString('en-US', { maximumFractionDigits: 6 }) : String(v);

/** Checks one question; returns the problems found (none: right) and what was printed. */
function check(spec, question) {
  const args = questionArgs(spec.command, question);
  const problems = [];
  const shown = [];
  const out = run(args);
  if (out.error) return { args, problems: [out.error], shown };
  const j = out.json;
  const want = (label, got, expected, share = false) => {
    shown.push(`${label} ${fmt(got)}`);
    if (!(share ? closeShare(got, expected) : close(got, expected)))
      problems.push(`${label}: got ${fmt(got)}, expected ${fmt(expected)}`);
  };
  if (j.command === 'share') {
    want('total', j.total.valueUsd, spec.total_usd);
    for (const [code, p] of Object.entries(spec.partners ?? {})) {
      let row = j.rows.find((r) => r.kind === 'partner' && r.code === code);
      if (!row) {
        const again = run(withPartner(args, code));
        row = again.json?.rows.find((r) => r.highlighted);
        if (!row) {
          problems.push(`${code}: no row (${again.error ?? 'not highlighted'})`);
          continue;
        }
        shown.push(`(${code} is "${row.name}")`);
      }
      want(`${code}`, row.valueUsd, p.value_usd);
      want(`${code} share`, row.share, p.share, true);
    }
    if (Object.keys(spec.partners ?? {}).length === 0 && j.rows.some((r) => r.kind === 'partner'))
      problems.push('partner rows where the file has none');
  } else if (j.command === 'trend') {
    const byYear = spec.traps?.us_value_by_year ?? spec.traps?.world_by_year_usd ?? {};
    const codes = Object.keys(spec.partners ?? {});
    const series = codes.length ? j.series.find((s) => s.code === codes[0]) : undefined;
    const points = series ? series.points : j.total.points;
    if (!points) return { args, problems: [`no series for ${codes[0]}`], shown };
    for (const [y, v] of Object.entries(byYear)) {
      const point = points.find((p) => p.year === Number(y));
      if (!point || !close(point.valueUsd, v))
        problems.push(`${y}: got ${fmt(point?.valueUsd)}, expected ${fmt(v)}`);
    }
    shown.push(`${Object.keys(byYear).length} years checked`);
    const point = points.find((p) => p.year === spec.year);
    want(`${spec.year}`, point?.valueUsd, codes.length ? spec.partners[codes[0]].value_usd : spec.total_usd);
    if (codes.length) want(`${spec.year} share`, point?.share, spec.partners[codes[0]].share, true);
    for (const y of spec.traps?.missing_years ?? []) {
      const gap = points.find((p) => p.year === y);
      if (gap && gap.valueUsd !== null) problems.push(`${y}: a value where the file has none`);
    }
  } else if (j.command === 'breakdown') {
    want('partner total', j.partnerTotal.valueUsd, spec.total_usd);
    for (const [cat, v] of Object.entries(spec.breakdown_expected_usd ?? {})) {
      const c = j.categories.find((k) => k.name === cat);
      want(cat, c?.valueUsd, v);
      want(`${cat} share`, c?.shareOfPartnerTotal, spec.breakdown_share_of_china_total[cat], true);
    }
  } else problems.push(`unexpected command ${j.command}`);
  return { args, problems, shown };
}

function withPartner(args, code) {
  const out = [...args];
  const at = out.indexOf('--partner');
  if (at === -1) out.push('--partner', code);
  else out[at + 1] = code;
  return out;
}

const { cases } = JSON.parse(readFileSync(join(REAL, 'expected.json'), 'utf8'));
let right = 0;
let total = 0;
for (const c of cases) {
  const questions = [[c.name, c, c.question]];
  if (c.second_question) questions.push([`${c.name} (2)`, c.second_question, c.second_question.question]);
  for (const [name, spec, question] of questions) {
    total++;
    const { args, problems, shown } = check(spec, question);
    if (problems.length === 0) right++;
    console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name}`);
    console.log(`     korus-stats ${args.map((a) => (/[\s'"()$]/.test(a) ? `'${a}'` : a)).join(' ')}`);
    if (shown.length) console.log(`     ${shown.join('; ')}`);
    for (const p of problems) console.log(`     ${p}`);
  }
}
console.log(`conformance: ${right} of ${total} questions right (${cases.length} files, ${REAL})`);
process.exit(right === total ? 0 : 1);
