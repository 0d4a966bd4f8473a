#!/usr/bin/env bash
# Pushes the local stand-ins of the .NET base images (eng/podman/base-images.sh builds them when missing) to a
# registry on this machine, as REGISTRY/dotnet/runtime:TAG and REGISTRY/dotnet/aspnet:TAG, so that the SDK's
# container publishing (which pulls its base image from a registry, never from podman's store) can build on them.
#
# Usage: eng/registry/push-base-images.sh REGISTRY [--tag TAG]
#   REGISTRY    host:port of a plain-HTTP registry, e.g. 127.0.0.1:5000 (see eng/registry/config.yml).
#   --tag TAG   .NET major.minor (default: $CLUSTERREADY_DOTNET_TAG, else 10.0).
set -euo pipefail
registry=${1:?usage: push-base-images.sh REGISTRY [--tag TAG]}
shift
tag=${CLUSTERREADY_DOTNET_TAG:-10.0}
while (($#)); do
    case "$1" in
        --tag) tag=${2:?--tag needs a value}; shift ;;
        *) echo "push-base-images.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
    shift
done

bash "$(dirname "${BASH_SOURCE[0]}")/../podman/base-images.sh" --tag "$tag"
for image in runtime aspnet; do
    podman push --quiet --tls-verify=false "mcr.microsoft.com/dotnet/$image:$tag" "docker://$registry/dotnet/$image:$tag"
    echo "pushed $registry/dotnet/$image:$tag" >&2
done
