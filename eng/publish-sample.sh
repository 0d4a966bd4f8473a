#!/usr/bin/env bash
# Publishes a sample the way a user would ('dotnet publish -c Release') and prints where its deploy artifacts are.
# Usage: bash eng/publish-sample.sh [OrdersApi|InventoryWorker]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sample="${1:-OrdersApi}"
project="$root/samples/$sample/$sample.csproj"
if [[ ! -f "$project" ]]; then
  echo "error: no sample named '$sample' (try OrdersApi or InventoryWorker)" >&2
  exit 2
fi

out="$root/artifacts/publish/$sample"
dotnet publish "$project" -c Release -o "$out" --nologo

deploy="$out/deploy"
echo
echo "Deploy artifacts of $sample: $deploy"
(cd "$deploy" && find . -type f ! -name '.clusterready-files' | sed 's|^\./|  |' | sort)
echo
echo "Render an environment:   kubectl kustomize $deploy/kubernetes/overlays/production"
echo "Build the image:         podman build -f $deploy/Dockerfile $out"
