#!/usr/bin/env bash
# Runs every test (unit, generator, analyzers, manifests, real processes, publish, and podman when present) and
# prints one summary line. This is the README's test command and what CI runs.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet test ClusterReady.sln -c Release --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# 'dotnet test' prints one line per test assembly: "Passed!  - Failed: 0, Passed: 18, Skipped: 0, Total: 18, ..."
summary=$(grep -E '^\s*(Passed|Failed)!\s+-' "$log" | sed -E 's/.*Failed:\s*([0-9]+), Passed:\s*([0-9]+), Skipped:\s*([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}')
echo
echo "tests: $summary"
exit "$status"
