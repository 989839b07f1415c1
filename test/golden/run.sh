#!/usr/bin/env bash
# Byte-for-byte check of a restructuring: every command on the bundled data and the fixtures (sweep.mjs)
# and every in-process run of the tests, on both parsers.
#   test/golden/run.sh save DIR      # before the change
#   test/golden/run.sh compare DIR   # after: lists what differs, exit 1 when stdout or an exit code does
set -euo pipefail
mode=${1:?save or compare}; dir=${2:?a directory}
cd "$(dirname "$0")/../.."
npm run build >/dev/null
out=$([ "$mode" = save ] && echo "$dir" || mktemp -d)
mkdir -p "$out"
node test/golden/sweep.mjs "$out/sweep.json" 2>/dev/null
rm -rf "$out/runs"
KORUS_GOLDEN_DIR="$out/runs" npx vitest run >/dev/null 2>&1 || echo "golden: some tests failed (their runs are compared all the same)"
KORUS_GOLDEN_DIR="$out/runs" KORUS_PARSER=csv-parse npx vitest run test/cli test/core test/bin.test.ts test/data/trade-rows.test.ts >/dev/null 2>&1 || echo "golden: some csv-parse tests failed"
node test/golden/collect.mjs "$out/runs" "$out/tests.json" 2>/dev/null
if [ "$mode" = compare ]; then
  status=0
  node test/golden/compare.mjs "$dir/sweep.json" "$out/sweep.json" | tail -20 || status=1
  node test/golden/compare.mjs "$dir/tests.json" "$out/tests.json" | tail -20 || status=1
  exit $status
fi
echo "golden: saved to $dir"
