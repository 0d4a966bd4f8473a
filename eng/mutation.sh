#!/usr/bin/env bash
# Mutation testing (Stryker.NET) over the assemblies that decide things: the model and rulebook, the manifest writers,
# the runtime's health and shutdown logic. Long (tens of minutes an assembly): not part of eng/test.sh.
#
#   eng/mutation.sh                      every target: model, manifests, hosting
#   eng/mutation.sh model                one target (model | manifests | hosting)
#   STRYKER_CONCURRENCY=2 eng/mutation.sh model
#
# Each target's configuration is eng/mutation/<target>.json (its test projects and the files it mutates). Reports
# land in artifacts/mutation/<target>/ (html and json); the last lines print the score of each target.
# Results and the surviving mutants' analysis: docs/mutation.md.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet tool restore >/dev/null

declare -A projects=(
  [model]=src/ClusterReady.Model
  [manifests]=src/ClusterReady.Manifests
  [hosting]=src/ClusterReady.Hosting
)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(model manifests hosting)

status=0
scores=()
for target in "${targets[@]}"; do
  project="${projects[$target]:-}"
  if [ -z "$project" ]; then
    echo "unknown target '$target' (model, manifests, hosting)" >&2
    exit 2
  fi

  output="$root/artifacts/mutation/$target"
  rm -rf "$output"
  mkdir -p "$output"
  log="$output/stryker.log"
  (cd "$project" && dotnet stryker --config-file "$root/eng/mutation/$target.json" \
      --concurrency "${STRYKER_CONCURRENCY:-1}" --output "$output") 2>&1 | tee "$log"
  [ "${PIPESTATUS[0]}" -ne 0 ] && status=1

  # Stryker prints "The final mutation score is 83.12 %".
  score=$(grep -oE 'final mutation score is [0-9.]+ ?%' "$log" | tail -1 | grep -oE '[0-9.]+ ?%')
  scores+=("$target: ${score:-no score (see $log)}")
done

echo
echo "mutation scores (killed + timeout over all tested mutants):"
printf '  %s\n' "${scores[@]}"
exit "$status"
