#!/usr/bin/env bash
# The whole test suite: type check, formatting, then every vitest suite (unit, both databases, browser),
# ending with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
status=0
if ! npx tsc --noEmit; then
  echo "Type check failed"
  status=1
fi
if ! npx prettier --check --log-level warn "src/**/*.{ts,tsx,css,js}" "test/**/*.ts" "bench/**/*.ts" \
  "scripts/**/*.{ts,js}" "bin/*.js" "*.ts"; then
  echo "Formatting differs from Prettier's: run npm run format"
  status=1
fi
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/results.json "$@" || status=1
node -e '
  const fs = require("node:fs")
  let r = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 }
  try { r = JSON.parse(fs.readFileSync("test-results/results.json", "utf8")) } catch {}
  const failed = r.numFailedTests + (process.argv[1] === "1" && r.numFailedTests === 0 ? 1 : 0)
  const skipped = r.numPendingTests + r.numTodoTests
  console.log(`${r.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""))
' "$status"
exit $status
