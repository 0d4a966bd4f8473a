#!/usr/bin/env bash
# Installs and configures podman so the end-to-end tests can `podman build` generated Dockerfiles and
# `podman kube play` generated manifests on a Debian bookworm machine without a registry.
#
# Idempotent: installs only missing packages, runs `apt-get update` only when a package cannot be
# found, and edits /etc/containers/containers.conf in place (other content is preserved).
#
# Usage: eng/podman/install.sh [--no-verify]
#   --no-verify   skip the `podman info` / `podman run` smoke test at the end.
set -euo pipefail

verify=1
for arg in "$@"; do
    case "$arg" in
        --no-verify) verify=0 ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument '$arg'" >&2; exit 2 ;;
    esac
done

log() { printf '[podman-install] %s\n' "$*" >&2; }

# Root is the normal case on these machines; fall back to sudo only when it exists.
if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install.sh: must run as root (or with sudo available)" >&2
    exit 1
fi

# podman/runc/debootstrap are what the tests use directly. The rest are things podman needs at run time
# that Debian only recommends (so --no-install-recommends would drop them):
#   catatonit       - init for the pod infra (pause) container that `podman kube play` creates,
#   netavark, aardvark-dns, iptables - rootful bridge networking and hostPort/--publish forwarding,
#   uidmap, slirp4netns - rootless use (harmless when running as root).
packages=(podman runc debootstrap catatonit netavark aardvark-dns iptables uidmap slirp4netns)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    # Update package lists only when apt does not know a candidate for a missing package
    # (fresh machines ship with empty lists).
    need_update=0
    for p in "${missing[@]}"; do
        candidate=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')
        if [[ -z "$candidate" || "$candidate" == "(none)" ]]; then need_update=1; break; fi
    done
    if ((need_update)); then
        log "apt-get update"
        "${as_root[@]}" apt-get update -qq
    fi
    log "installing: ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    log "packages already installed"
fi

# Sets KEY = VALUE under [SECTION] of a TOML file, preserving everything else: replaces an existing
# assignment of KEY in that section (including a multi-line array), otherwise adds it at the end of
# that section, otherwise appends the section.
set_conf() {
    local file=$1 section=$2 key=$3 value=$4 tmp
    tmp=$(mktemp)
    awk -v section="[$section]" -v key="$key" -v line="$key = $value" '
        function flush() { if (in_section && !done) { print line; done = 1 } }
        /^[[:space:]]*\[[^]]*\][[:space:]]*$/ {
            header = $0; gsub(/[[:space:]]/, "", header)
            if (in_section) { flush(); in_section = 0 }
            print
            if (header == section) { in_section = 1; seen = 1 }
            next
        }
        skipping { if ($0 ~ /\]/) skipping = 0; next }  # rest of a multi-line array being replaced
        in_section && $0 ~ "^[[:space:]]*" key "[[:space:]]*=" {
            # Replace the first live assignment and drop duplicates (commented-out defaults stay).
            value = $0; sub(/^[^=]*=/, "", value)
            if (gsub(/\[/, "[", value) > gsub(/\]/, "]", value)) skipping = 1
            if (!done) { print line; done = 1 }
            next
        }
        { print }
        END {
            flush()
            if (!seen) { print ""; print section; print line }
        }
    ' "$file" >"$tmp"
    if ! cmp -s "$tmp" "$file"; then
        "${as_root[@]}" cp "$tmp" "$file"
        log "set $key = $value under [$section] in $file"
    fi
    rm -f "$tmp"
}

# CONTAINERS_CONF is the variable podman itself reads to locate this file.
conf=${CONTAINERS_CONF:-/etc/containers/containers.conf}
if [[ ! -f "$conf" ]]; then
    "${as_root[@]}" mkdir -p "$(dirname "$conf")"
    printf '# Local podman settings (see containers.conf(5)).\n' | "${as_root[@]}" tee "$conf" >/dev/null
    log "created $conf"
fi
# crun (Debian's default runtime) fails here with "setrlimit RLIMIT_NOFILE: Operation not permitted";
# runc works. Clearing default_ulimits stops podman from asking the runtime to raise limits at all.
set_conf "$conf" engine runtime '"runc"'
set_conf "$conf" containers default_ulimits '[]'
# Debian's podman package also ships a CNI config; pin netavark so the backend does not depend on
# which one podman picks on its first run (the CNI plugins are not installed).
set_conf "$conf" network network_backend '"netavark"'

if ((verify)); then
    log "podman $(podman version --format '{{.Client.Version}}'), runtime: $(podman info --format '{{.Host.OCIRuntime.Name}}')"
    # No registry is reachable, so the smoke test imports a tiny image made of the host's /bin/true and
    # the libraries it links against.
    smoke=localhost/clusterready-podman-smoke:latest
    if ! podman image exists "$smoke"; then
        tmpdir=$(mktemp -d)
        trap 'rm -rf "$tmpdir"' EXIT
        for f in /bin/true $(ldd /bin/true | grep -o '/[^ ]*'); do
            mkdir -p "$tmpdir/$(dirname "$f")"
            cp -L "$f" "$tmpdir/$f"
        done
        tar -C "$tmpdir" -c . | podman import -q - "$smoke" >/dev/null
    fi
    podman run --rm "$smoke" /bin/true
    log "ok: podman run --rm $smoke succeeded"
fi
