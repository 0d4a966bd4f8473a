#!/usr/bin/env bash
# Loads the local stand-ins of mcr.microsoft.com/dotnet/{runtime,aspnet}:TAG into docker, so the generated Dockerfile
# builds with docker (docker-compose build) on a machine without a registry. The images are built by
# eng/podman/base-images.sh (Debian bookworm + this machine's .NET, see there) and copied with
# 'podman save | docker load'. Images docker already has are kept.
#
# Usage: eng/docker/base-images.sh [--tag TAG]
# Environment: DOCKER_HOST selects the daemon (e.g. unix:///tmp/x/docker.sock), as for docker itself.
set -euo pipefail

tag=${CLUSTERREADY_DOTNET_TAG:-10.0}
while (($#)); do
    case "$1" in
        --tag) tag=${2:?--tag needs a value}; shift ;;
        --tag=*) tag=${1#--tag=} ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "docker/base-images.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
    shift
done

for tool in docker podman; do
    command -v "$tool" >/dev/null 2>&1 || { echo "docker/base-images.sh: '$tool' not found" >&2; exit 1; }
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bash "$here/../podman/base-images.sh" --tag "$tag"

for image in "mcr.microsoft.com/dotnet/runtime:$tag" "mcr.microsoft.com/dotnet/aspnet:$tag"; do
    if docker image inspect "$image" >/dev/null 2>&1; then
        echo "[docker-base-images] $image already loaded" >&2
        continue
    fi
    podman save --format docker-archive "$image" | docker load >/dev/null
    echo "[docker-base-images] loaded $image" >&2
done
