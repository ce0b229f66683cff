#!/usr/bin/env bash
# A test that fails must fail the run. Before the suite, `npm test` runs a fixture suite that fails on purpose (its
# global setup boots an embedded PostgreSQL, as the real suite does) and one CLI that must fail, and stops unless
# both exit non-zero and say why. This check runs outside vitest, so a vitest that lies about its status cannot pass it.
set -uo pipefail
cd "$(dirname "$0")/../.."

fail() {
  echo "exit-status check FAILED: $1" >&2
  exit 1
}

output=$(npx vitest run --config test/fixtures/failing-suite/vitest.config.ts 2>&1)
status=$?
[ "$status" -ne 0 ] || fail "a vitest run with a failing test exited 0:
$output"
grep -q '0 passed, 1 failed' <<<"$output" || fail "the failing fixture suite did not report its failure (exit $status):
$output"

output=$(STATEMENT_TIMEOUT_MS=not-a-number npx tsx warehouse/cases/load-cases.cli.ts --scale 0.01 2>&1)
status=$?
[ "$status" -ne 0 ] || fail "npm run load with an invalid setting exited 0:
$output"
grep -q 'STATEMENT_TIMEOUT_MS' <<<"$output" || fail "npm run load with an invalid setting did not name it (exit $status):
$output"

echo "exit-status check passed: the failing fixture suite and a CLI with an invalid setting both exit non-zero"
