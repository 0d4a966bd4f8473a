#!/usr/bin/env bash
# Builds local stand-ins for the official .NET base images, so a generated Dockerfile
# (FROM mcr.microsoft.com/dotnet/aspnet:10.0 or .../runtime:10.0) builds with `podman build --pull=never`
# on a machine without a registry:
#
#   mcr.microsoft.com/dotnet/runtime:TAG  Debian bookworm (debootstrap minbase + ca-certificates, libicu72,
#                                         libssl3, tzdata), this machine's .NET runtime under
#                                         /usr/share/dotnet, user/group `app` 1654, the official images' ENV.
#   mcr.microsoft.com/dotnet/aspnet:TAG   the runtime image plus ASP.NET Core's shared framework (one layer
#                                         on top, as the official aspnet image is built from runtime).
#
# Images that already exist are kept, so a second run takes about a second. The debootstrap root
# filesystem is cached as a tarball in ${CLUSTERREADY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/clusterready}.
#
# Usage: eng/podman/base-images.sh [--force] [--tag TAG]
#   --force     rebuild the images and the cached root filesystem.
#   --tag TAG   image tag and .NET major.minor to use (default: $CLUSTERREADY_DOTNET_TAG, else 10.0).
#               The newest installed Microsoft.NETCore.App TAG.* is copied in.
# Environment: DOTNET (dotnet executable, default `dotnet` on PATH), CLUSTERREADY_DEBIAN_MIRROR (default:
# the bookworm mirror configured for apt on this machine, else http://deb.debian.org/debian).
set -euo pipefail

force=0
tag=${CLUSTERREADY_DOTNET_TAG:-10.0}
while (($#)); do
    case "$1" in
        --force) force=1 ;;
        --tag) tag=${2:?--tag needs a value}; shift ;;
        --tag=*) tag=${1#--tag=} ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "base-images.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
    shift
done
if [[ ! "$tag" =~ ^[0-9]+\.[0-9]+$ ]]; then
    echo "base-images.sh: tag must be MAJOR.MINOR (got '$tag')" >&2
    exit 2
fi

runtime_image=mcr.microsoft.com/dotnet/runtime:$tag
aspnet_image=mcr.microsoft.com/dotnet/aspnet:$tag
app_uid=1654
suite=bookworm
include=ca-certificates,libicu72,libssl3,tzdata

log() { printf '[base-images] %s\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f s", e - s }'; }

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    as_root=()  # fine as long as only cached steps run; debootstrap itself will report the problem
fi

for tool in podman debootstrap; do
    command -v "$tool" >/dev/null 2>&1 || { echo "base-images.sh: '$tool' not found; run eng/podman/install.sh" >&2; exit 1; }
done

started=$(now)

if ((!force)) && podman image exists "$runtime_image" && podman image exists "$aspnet_image"; then
    log "$runtime_image and $aspnet_image already exist (use --force to rebuild) [$(elapsed "$started")]"
    exit 0
fi

# --- Locate this machine's .NET installation -----------------------------------------------------
dotnet_cmd=${DOTNET:-dotnet}
command -v "$dotnet_cmd" >/dev/null 2>&1 || { echo "base-images.sh: '$dotnet_cmd' not found" >&2; exit 1; }
runtimes=$("$dotnet_cmd" --list-runtimes)

# Lines look like: Microsoft.NETCore.App 10.0.12 [/usr/share/dotnet/shared/Microsoft.NETCore.App]
# Pick the newest stable version of TAG (previews sort unreliably and are not what "10.0" means).
newest_runtime() {
    awk -v fw="$1" -v tag="$tag" '$1 == fw && index($2, tag ".") == 1 && $2 !~ /-/ { print $2 }' <<<"$runtimes" |
        sort -t. -k3,3n | tail -n1
}
dotnet_version=$(newest_runtime Microsoft.NETCore.App)
[[ -n "$dotnet_version" ]] || { echo "base-images.sh: no Microsoft.NETCore.App $tag.* in 'dotnet --list-runtimes'" >&2; exit 1; }
aspnet_version=$(newest_runtime Microsoft.AspNetCore.App)
[[ -n "$aspnet_version" ]] || { echo "base-images.sh: no Microsoft.AspNetCore.App $tag.* in 'dotnet --list-runtimes'" >&2; exit 1; }

shared_dir() {  # directory holding framework $1 (from the bracketed path in --list-runtimes)
    awk -v fw="$1" -v v="$2" '$1 == fw && $2 == v { sub(/^[^[]*\[/, ""); sub(/\][[:space:]]*$/, ""); print; exit }' <<<"$runtimes"
}
netcore_dir=$(shared_dir Microsoft.NETCore.App "$dotnet_version")/$dotnet_version
aspnet_dir=$(shared_dir Microsoft.AspNetCore.App "$aspnet_version")/$aspnet_version
dotnet_root=$(cd "$netcore_dir/../../.." && pwd -P)
[[ -x "$dotnet_root/dotnet" && -d "$dotnet_root/host/fxr" && -d "$aspnet_dir" ]] ||
    { echo "base-images.sh: unexpected .NET layout under $dotnet_root" >&2; exit 1; }
log ".NET $dotnet_version / ASP.NET Core $aspnet_version from $dotnet_root"

# --- Cached Debian root filesystem --------------------------------------------------------------
cache_dir=${CLUSTERREADY_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/clusterready}
mkdir -p "$cache_dir"

# Tests may run this from several processes at once; one builds, the others wait and then reuse.
exec 9>"$cache_dir/base-images.lock"
flock 9
if ((!force)) && podman image exists "$runtime_image" && podman image exists "$aspnet_image"; then
    log "built meanwhile by another process [$(elapsed "$started")]"
    exit 0
fi

# The name changes whenever what goes into the tarball changes, so stale caches are never reused.
rootfs_recipe="$suite minbase $include app:$app_uid v1"
rootfs_tar=$cache_dir/rootfs-$suite-minbase-$(printf '%s' "$rootfs_recipe" | sha256sum | cut -c1-12).tar

work=$(mktemp -d "$cache_dir/work.XXXXXX")
cleanup() { "${as_root[@]}" rm -rf "$work"; }
trap cleanup EXIT

debian_mirror() {
    if [[ -n "${CLUSTERREADY_DEBIAN_MIRROR:-}" ]]; then echo "$CLUSTERREADY_DEBIAN_MIRROR"; return; fi
    local uri
    # deb822 sources: the URIs of the stanza whose Suites contain exactly "$suite".
    uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v suite="$suite" '
        /^[[:space:]]*$/ { if (ok && uri) exit; ok = 0; uri = ""; next }
        tolower($1) == "uris:" { uri = $2 }
        tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == suite) ok = 1 }
        END { if (ok && uri) print uri }')
    # One-line sources: deb [options] URI SUITE COMPONENTS...
    [[ -n "$uri" ]] || uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
        sed -nE "s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+)[[:space:]]+${suite}[[:space:]].*/\2/p" | head -n1)
    echo "${uri:-http://deb.debian.org/debian}"
}

if ((force)) || [[ ! -s "$rootfs_tar" ]]; then
    mirror=$(debian_mirror)
    log "debootstrap --variant=minbase $suite from $mirror (this takes about a minute)"
    step=$(now)
    rootfs=$work/rootfs
    # Keep the downloaded .debs so --force does not download them again (debootstrap re-checks them
    # against the mirror's index).
    mkdir -p "$cache_dir/debs"
    "${as_root[@]}" debootstrap --variant=minbase --include="$include" --cache-dir="$cache_dir/debs" \
        "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
        { tail -n 30 "$work/debootstrap.log" >&2; echo "base-images.sh: debootstrap failed" >&2; exit 1; }
    # Same user as the official images (their Dockerfiles run exactly this).
    "${as_root[@]}" chroot "$rootfs" groupadd --gid=$app_uid app
    "${as_root[@]}" chroot "$rootfs" useradd --no-log-init --uid=$app_uid --gid=$app_uid --create-home app
    # What the official images clean up: package caches and lists.
    "${as_root[@]}" chroot "$rootfs" apt-get clean
    "${as_root[@]}" rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/log/*.log
    "${as_root[@]}" tar -C "$rootfs" --numeric-owner -cf "$rootfs_tar.tmp" .
    mv -f "$rootfs_tar.tmp" "$rootfs_tar"
    "${as_root[@]}" rm -rf "$rootfs"
    log "cached $rootfs_tar ($(du -h "$rootfs_tar" | cut -f1)) [$(elapsed "$step")]"
else
    log "using cached $rootfs_tar"
fi

# Images replaced by a rebuild are removed afterwards unless something (e.g. an app image) still uses them.
replaced=()
for image in "$runtime_image" "$aspnet_image"; do
    if ((force)) && id=$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null); then replaced+=("$id"); fi
done

# --- runtime image -------------------------------------------------------------------------------
if ((force)) || ! podman image exists "$runtime_image"; then
    step=$(now)
    stage=$work/runtime
    mkdir -p "$stage/rootfs"
    "${as_root[@]}" tar -C "$stage/rootfs" --numeric-owner -xf "$rootfs_tar"
    dest=$stage/rootfs/usr/share/dotnet
    "${as_root[@]}" mkdir -p "$dest/shared/Microsoft.NETCore.App"
    "${as_root[@]}" cp -a "$dotnet_root/dotnet" "$dest/"
    "${as_root[@]}" cp -a "$dotnet_root/host" "$dest/"
    "${as_root[@]}" cp -a "$netcore_dir" "$dest/shared/Microsoft.NETCore.App/"
    for f in LICENSE.txt ThirdPartyNotices.txt; do
        if [[ -f "$dotnet_root/$f" ]]; then "${as_root[@]}" cp -a "$dotnet_root/$f" "$dest/"; fi
    done
    "${as_root[@]}" ln -sfn /usr/share/dotnet/dotnet "$stage/rootfs/usr/bin/dotnet"
    # ENV as in the official runtime-deps + runtime images (ASPNETCORE_HTTP_PORTS is set from
    # runtime-deps up, so console apps that host Kestrel behave the same as in the official image).
    "${as_root[@]}" tar -C "$stage/rootfs" --numeric-owner -c . | podman import -q \
        --change "ENV APP_UID=$app_uid" \
        --change "ENV ASPNETCORE_HTTP_PORTS=8080" \
        --change "ENV DOTNET_RUNNING_IN_CONTAINER=true" \
        --change "ENV DOTNET_VERSION=$dotnet_version" \
        --change 'CMD ["bash"]' \
        - "$runtime_image" >/dev/null
    "${as_root[@]}" rm -rf "$stage"
    log "built $runtime_image [$(elapsed "$step")]"
    built_runtime=1
else
    log "$runtime_image already exists"
    built_runtime=0
fi

# --- aspnet image (runtime + one layer) ----------------------------------------------------------
if ((force || built_runtime)) || ! podman image exists "$aspnet_image"; then
    step=$(now)
    ctx=$work/aspnet
    mkdir -p "$ctx/Microsoft.AspNetCore.App"
    cp -a "$aspnet_dir" "$ctx/Microsoft.AspNetCore.App/"
    cat >"$ctx/Containerfile" <<EOF
FROM $runtime_image
ENV ASPNET_VERSION=$aspnet_version
COPY Microsoft.AspNetCore.App /usr/share/dotnet/shared/Microsoft.AspNetCore.App
EOF
    podman build -q --pull=never -f "$ctx/Containerfile" -t "$aspnet_image" "$ctx" >/dev/null
    log "built $aspnet_image [$(elapsed "$step")]"
fi

for id in "${replaced[@]}"; do podman rmi "$id" >/dev/null 2>&1 || true; done

# Fail here rather than in a test if the image cannot start .NET.
podman run --rm --pull=never --user "$app_uid" "$aspnet_image" dotnet --list-runtimes >&2
log "done [$(elapsed "$started")]"
