#!/usr/bin/env bash
# Whole-process benchmarks of ClusterReady, each against a baseline measured in the same run, printed as tables of
# ratios (docs/benchmarks.md explains them and holds the latest results).
#
# Usage: bash benchmarks/run.sh [all|build|buildprofile|compiler|compilertrace|solution|startup|throughput|sigterm|latency]...
#        (default: all) 'all' is build, compiler, startup, throughput and sigterm; buildprofile (where a publish's added
#        time goes), compilertrace (where the compile's added time goes), solution (long: 20-project builds) and latency
#        (podman, as root) run only when named.
# Knobs (environment): BUILD_RUNS=5  STARTUP_RUNS=10  WRK_ROUNDS=3  WRK_DURATION=10s  WRK_THREADS=2
#                      WRK_CONNECTIONS=32  SIGTERM_RUNS=10  PORT_BASE=18081
#                      BUILD_SAMPLES="InventoryWorker OrdersApi Quickstart" (the apps of build and buildprofile: two
#                      samples, and 'dotnet new web' with the README's Quickstart, the app issue 19 measures)
#                      COMPILER_RUNS=10 (cold compiles per variant in the compiler section)
#                      TRACE_RUNS=6 (traced cold compiles per variant in the compilertrace section)
#                      COMPILER_APP_TYPES=0 (both compiler sections: that many plain classes added to the web sample,
#                      each with four calls and an assignment, to see how the analyzers' time grows with an app's code)
#                      PROFILE_RUNS=10 (clean and unchanged publishes per variant in the buildprofile section)
#                      SOLUTION_RUNS=3  SOLUTION_SIZES="1 20" (clean solution builds per size and variant; sizes)
#                      KEEP_WORK=1 keeps the temporary folder (sample copies, feed) and the package in the NuGet cache
#                      STARTUP_BEFORE=<git revision>: the start-up section also packs that revision and starts the
#                      ClusterReady worker built against it in the same turns (a change against its baseline)
#                      BUILD_BEFORE=<git revision>: the build and buildprofile sections also publish the samples
#                      against a package packed from that revision, in the same turns (one revision for both knobs);
#                      buildprofile then also compares this tree's targets with that package's
#                      BUILD_FLOOR=1: the build and buildprofile sections also publish each app with a package of one
#                      runtime assembly (one class, no build files, no analyzers) in place of ClusterReady, in the same
#                      turns: what any package with runtime code costs the SDK's build, the floor under ClusterReady's
#                      BUILD_CONTROL=1: the build section also publishes a second copy of each app without
#                      ClusterReady, clean and unchanged, in the same turns: an A/A control, the ratio of no change
#                      BUILD_SPLIT=1: the build section also publishes each app with ClusterReady and its build step
#                      off (-p:ClusterReadyDeploy=false: the package's references, generator and analyzers only), clean,
#                      in the same turns: with over it is what the build step (its Exec and the tool beside the
#                      build) costs the wall, it over the app without ClusterReady what the compile side costs
#                      STARTUP_ENV="NAME=VALUE ...": environment for every app the start-up section starts (a runtime
#                      setting to compare, e.g. DOTNET_EnableWriteXorExecute=0)
# Knobs of the latency section (issue 21; docs/benchmarks.md, "Latency under a CPU quota"):
#                      LATENCY_DURATION=60 (s of constant-rate load per variant)  LATENCY_WARM=10 (s left out of the
#                      steady-state figures)  LATENCY_LOAD=0.6 (share of the default container's measured capacity)
#                      LATENCY_RATE=<requests/s> (skips the calibration)  LATENCY_CALIBRATE=10s (wrk -t1 -c32 run)
#                      LATENCY_CONNECTIONS=64  LATENCY_SEED=100 (orders POSTed first; the load GETs the list)
#                      LATENCY_CLIENT_CPUS=0 (taskset of wrk and the load generator; empty: not pinned)
#                      LATENCY_CPUSET=<cpus> (the profile's cpuset; default: the machine's last whole CPUs of its limit)
#                      LATENCY_DEFAULT_ENV="NAME=VALUE ..." (more environment for the default variant only, to find
#                      what sets its tail, e.g. DOTNET_gcServer=0)
#                      LATENCY_VARIANTS="default profile ..." (which variants run; default: all eight; the ratios
#                      need default and profile)
#                      It publishes samples/OrdersApi three times, "default" without its [LatencyProfile] line,
#                      "profile" as it is, and "readytorun", the profile published for linux-x64 with
#                      PublishReadyToRun (the app's own code precompiled), builds each generated Dockerfile with podman and runs the images with the limits and
#                      env of the rendered base Deployment, one variant after the other, ports on 127.0.0.1.
# Needs: the .NET 10 SDK; wrk for the throughput and latency parts (Debian: apt-get install -y wrk); for latency also
# podman and the local base images (bash eng/podman/install.sh && bash eng/podman/base-images.sh), python3 with yaml.
# Everything listens on and is called at 127.0.0.1 only. Results are also written to artifacts/benchmarks/results.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/benchmarks"
apps_out="$out/apps"
harness="$root/benchmarks/ClusterReady.Benchmarks/bin/Release/net10.0/ClusterReady.Benchmarks.dll"
results="$out/results.md"

BUILD_RUNS="${BUILD_RUNS:-5}"
BUILD_SAMPLES="${BUILD_SAMPLES:-InventoryWorker OrdersApi Quickstart}"
STARTUP_RUNS="${STARTUP_RUNS:-10}"
WRK_ROUNDS="${WRK_ROUNDS:-3}"
WRK_DURATION="${WRK_DURATION:-10s}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
SIGTERM_RUNS="${SIGTERM_RUNS:-10}"
COMPILER_RUNS="${COMPILER_RUNS:-10}"
TRACE_RUNS="${TRACE_RUNS:-6}"
COMPILER_APP_TYPES="${COMPILER_APP_TYPES:-0}"
PROFILE_RUNS="${PROFILE_RUNS:-10}"
SOLUTION_RUNS="${SOLUTION_RUNS:-3}"
SOLUTION_SIZES="${SOLUTION_SIZES:-1 20}"
STARTUP_BEFORE="${STARTUP_BEFORE:-}"
STARTUP_ENV="${STARTUP_ENV:-}"
BUILD_BEFORE="${BUILD_BEFORE:-}"
BUILD_FLOOR="${BUILD_FLOOR:-0}"
BUILD_CONTROL="${BUILD_CONTROL:-0}"
BUILD_SPLIT="${BUILD_SPLIT:-0}"
PORT_BASE="${PORT_BASE:-18081}"
LATENCY_DURATION="${LATENCY_DURATION:-60}"
LATENCY_DURATION="${LATENCY_DURATION%s}"
LATENCY_WARM="${LATENCY_WARM:-10}"
LATENCY_WARM="${LATENCY_WARM%s}"
LATENCY_LOAD="${LATENCY_LOAD:-0.6}"
LATENCY_RATE="${LATENCY_RATE:-}"
LATENCY_CALIBRATE="${LATENCY_CALIBRATE:-10s}"
LATENCY_CONNECTIONS="${LATENCY_CONNECTIONS:-64}"
LATENCY_SEED="${LATENCY_SEED:-100}"
LATENCY_CLIENT_CPUS="${LATENCY_CLIENT_CPUS-0}"
LATENCY_VARIANTS="${LATENCY_VARIANTS:-default profile profile-shared profile-nolimit profile-nowarmup profile-readytorun profile-readytorun-nowarmup profile-notiered}"

sections=("$@")
[[ ${#sections[@]} -eq 0 ]] && sections=(all)
# 'all' is every section but latency (podman as root), solution (long), buildprofile and compilertrace, which run only when named.
wants() { [[ (" ${sections[*]} " == *" all "* && "$1" != latency && "$1" != solution && "$1" != buildprofile && "$1" != compilertrace) || " ${sections[*]} " == *" $1 "* ]]; }

mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/clusterready-bench.XXXXXX")"
bench_version=""
before_version=""
floor_version=""
app_pid=""
app_url=""
cleanup() {
  if [[ -n "$app_pid" ]]; then kill -KILL "$app_pid" 2>/dev/null || true; fi
  latency_cleanup
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then
    echo "kept: $work (package version $bench_version)"
    return 0
  fi
  if [[ -d "$work/before" ]]; then git -C "$root" worktree remove --force "$work/before" || true; fi
  rm -rf "$work"
  # The bench package versions are unique to this run: drop them from the NuGet cache again.
  [[ -n "$bench_version" ]] && rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/clusterready/$bench_version"
  [[ -n "$before_version" ]] && rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/clusterready/$before_version"
  [[ -n "$floor_version" ]] && rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/clusterready.benchfloor/$floor_version"
  return 0
}
trap cleanup EXIT

exec > >(tee "$results") 2>&1

say() { printf '%s\n' "$*"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
now_ns() { date +%s%N; }
# median of the numbers given as arguments
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a/b}'; }
# Prints the arguments after the first, one a line, rotated left by the first modulo their count: the order of the
# variants in turn $1, so that each variant takes each place in a turn equally often: whatever a publish leaves to the
# next one (writes still being flushed, caches) falls on all variants alike instead of on whichever comes later
# (docs/benchmarks.md, "What a round resolves").
rotated() {
  local k="$1"
  shift
  local -a items=("$@")
  local n=${#items[@]} j
  for ((j = 0; j < n; j++)); do printf '%s\n' "${items[$(((j + k) % n))]}"; done
}

say "# ClusterReady whole-process benchmarks"
say
say "- date (UTC): $(date -u '+%Y-%m-%d %H:%M')"
say "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr)"
say "- dotnet: SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}')"
say "- load average at start (1/5/15 min): $(load)"
say

build_harness() {
  dotnet build "$root/benchmarks/ClusterReady.Benchmarks/ClusterReady.Benchmarks.csproj" -c Release --nologo -v:q >/dev/null
}

# Packs ClusterReady from this tree into a local feed, once per run, with a version of its own.
pack_package() {
  [[ -n "$bench_version" ]] && return 0
  bench_version="0.1.0-bench.$(date -u +%Y%m%d%H%M%S)"
  dotnet pack "$root/src/ClusterReady/ClusterReady.csproj" -c Release -o "$work/feed" "-p:Version=$bench_version" --nologo -v:q >/dev/null
  say "Package ClusterReady $bench_version packed from this tree into a local feed."
  say
}

# Publishes the named apps of benchmarks/apps/; the ClusterReady ones take the packed package, as a user's app does
# (precompiled runtime libraries included).
publish_apps() {
  pack_package
  local app
  for app in "$@"; do
    dotnet publish "$root/benchmarks/apps/$app/$app.csproj" -c Release -o "$apps_out/$app" --nologo -v:q \
      "-p:ClusterReadyPackageVersion=$bench_version" "-p:RestoreAdditionalProjectSources=$work/feed" >/dev/null
  done
}

# STARTUP_BEFORE / BUILD_BEFORE: packs ClusterReady as it was at that revision (in a temporary git worktree), once.
before_revision=""
pack_before_package() {
  local wanted="$1"
  if [[ -n "$before_version" ]]; then
    [[ "$(git -C "$root" rev-parse --short "$wanted")" == "$before_revision" ]] && return 0
    echo "STARTUP_BEFORE and BUILD_BEFORE name different revisions; give both the same one" >&2
    return 1
  fi
  before_revision="$(git -C "$root" rev-parse --short "$wanted")"
  before_version="0.1.0-before.$(date -u +%Y%m%d%H%M%S)"
  git -C "$root" worktree add --detach "$work/before" "$before_revision" >/dev/null 2>&1
  dotnet pack "$work/before/src/ClusterReady/ClusterReady.csproj" -c Release -o "$work/feed" "-p:Version=$before_version" --nologo -v:q >/dev/null
  say "Package ClusterReady $before_version packed from $before_revision ($wanted) for the comparison with this tree."
  say
}

# BUILD_FLOOR: packs ClusterReady.BenchFloor, a package of one runtime assembly with one class and nothing else (no
# build files, analyzers or dependencies), once: the least a package with runtime code can be.
pack_floor_package() {
  [[ -n "$floor_version" ]] && return 0
  floor_version="0.1.0-bench.$(date -u +%Y%m%d%H%M%S)"
  local src="$work/floor-src"
  mkdir -p "$src"
  cat >"$src/ClusterReady.BenchFloor.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
</Project>
EOF
  printf 'namespace ClusterReady.BenchFloor;\n\npublic static class Floor\n{\n    public static string Name => "floor";\n}\n' >"$src/Floor.cs"
  dotnet pack "$src/ClusterReady.BenchFloor.csproj" -c Release -o "$work/feed" "-p:Version=$floor_version" --nologo -v:q >/dev/null
  say "Package ClusterReady.BenchFloor $floor_version (one runtime assembly of one class) packed for the floor variant."
  say
}

# STARTUP_BEFORE: the same ClusterReady worker (this tree's app) against a package packed from that revision.
publish_before_app() {
  pack_before_package "$STARTUP_BEFORE"
  dotnet publish "$root/benchmarks/apps/ClusterReadyWorker/ClusterReadyWorker.csproj" -c Release -o "$apps_out/ClusterReadyWorkerBefore" --nologo -v:q \
    "-p:ClusterReadyPackageVersion=$before_version" "-p:RestoreAdditionalProjectSources=$work/feed" >/dev/null
}

# ---------------------------------------------------------------------------------------------------------------
# Build: 'dotnet publish -c Release' of a sample with the ClusterReady package vs the same sample without it.
# ---------------------------------------------------------------------------------------------------------------

# Writes a standalone copy of a sample: "with" references the packed ClusterReady package, "before" the package packed
# from BUILD_BEFORE, "without" is the same app with the attribute class and the AddClusterReady() call removed and
# nothing of ClusterReady imported, "floor" is "without" with the one-assembly package of BUILD_FLOOR, used from one
# line of code.
make_copy() {
  local sample="$1" variant="$2" dir="$3"
  mkdir -p "$dir"
  if [[ "$sample" == Quickstart ]]; then
    make_quickstart "$dir"
  else
    (cd "$root/samples/$sample" && find . -maxdepth 1 -type f \( -name '*.cs' -o -name '*.json' -o -name '*.csproj' \) -exec cp {} "$dir/" \;)
  fi
  local sdk version
  sdk="$(sed -n 's/.*<Project Sdk="\([^"]*\)".*/\1/p' "$dir/$sample.csproj")"
  version="$(sed -n 's/.*<Version>\(.*\)<\/Version>.*/\1/p' "$dir/$sample.csproj")"
  version="${version:-1.0.0}"
  local references=""
  # The samples get Microsoft.Extensions.Hosting through ClusterReady in the repository; a worker made from the
  # template references it itself, so both variants do.
  [[ "$sdk" == "Microsoft.NET.Sdk.Worker" ]] && references+='    <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.0" />'$'\n'
  if [[ "$variant" == with || "$variant" == before ]]; then
    local version_used="$bench_version"
    [[ "$variant" == before ]] && version_used="$before_version"
    references+="    <PackageReference Include=\"ClusterReady\" Version=\"$version_used\" />"$'\n'
  else
    rm -f "$dir/Deployment.cs"
    # Every call into ClusterReady's runtime goes: the app without it is the same app otherwise.
    sed -i '/AddClusterReady\|AddWarmup/d' "$dir/Program.cs"
  fi
  if [[ "$variant" == floor ]]; then
    references+="    <PackageReference Include=\"ClusterReady.BenchFloor\" Version=\"$floor_version\" />"$'\n'
    printf 'internal static class FloorUse\n{\n    internal static string Name => ClusterReady.BenchFloor.Floor.Name;\n}\n' >"$dir/FloorUse.cs"
  fi
  cat > "$dir/$sample.csproj" <<EOF
<Project Sdk="$sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <Version>$version</Version>
  </PropertyGroup>
  <ItemGroup>
$references  </ItemGroup>
</Project>
EOF
  cat > "$dir/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="clusterready-bench" value="$work/feed" />
  </packageSources>
</configuration>
EOF
}

# "Quickstart", the app issue 19 measures: 'dotnet new web' with the README's Quickstart as written there (its
# Deployment class in Deployment.cs, AddClusterReady() after the builder), so the benchmark follows the README.
make_quickstart() {
  local dir="$1"
  dotnet new web --name Quickstart --output "$dir" --no-restore --force >/dev/null
  awk '/^2\. Describe the service/ {step = 1} step == 1 && /^   ```csharp/ {step = 2; next} step == 2 && /^   ```/ {exit} step == 2 {sub(/^   /, ""); print}' \
    "$root/README.md" >"$dir/Deployment.cs"
  grep -q 'class Deployment' "$dir/Deployment.cs" || { echo "no Deployment class in the README's Quickstart" >&2; return 1; }
  # The template writes CRLF line ends; the added line keeps them.
  sed -i 's/^\(var builder = WebApplication.CreateBuilder(args);\)\(\r\?\)$/\1\2\nbuilder.AddClusterReady();\2/' "$dir/Program.cs"
  grep -q '^builder.AddClusterReady();' "$dir/Program.cs" || { echo "no WebApplication.CreateBuilder line in the template's Program.cs" >&2; return 1; }
}

# Prints the wall time in ms of one clean publish (bin/ and obj/Release/ removed; restored beforehand) and, after a
# tab, its tail: the ms from the compiler's writing the intermediate assembly (its modification time) to the
# publish's end, where the build step's wait and every copy fall and the compile does not. Further arguments go to
# dotnet publish.
clean_publish_ms() {
  local dir="$1"
  shift
  rm -rf "${dir:?}/bin" "${dir:?}/obj/Release"
  local start end compiled
  start=$(now_ns)
  dotnet publish "$dir" -c Release --no-restore --nologo -v:q "$@" >"$dir/publish.log" 2>&1 || { cat "$dir/publish.log" >&2; return 1; }
  end=$(now_ns)
  compiled="$(stat -c %.9Y "$dir/obj/Release/net10.0/$(basename "$dir").dll")"
  compiled="${compiled/./}"
  printf '%s\t%s\n' $(((end - start) / 1000000)) $(((end - 10#$compiled) / 1000000))
}

# Prints the milliseconds that one clean publish spent in ClusterReady's targets, from MSBuild's target performance
# summary: the build step's share of MSBuild's own thread (what the tool does in the background is not in it).
clusterready_targets_ms() {
  local dir="$1"
  rm -rf "${dir:?}/bin" "${dir:?}/obj/Release"
  dotnet publish "$dir" -c Release --no-restore --nologo -v:m -clp:PerformanceSummary >"$dir/publish.log" 2>&1 || { cat "$dir/publish.log" >&2; return 1; }
  awk '/Target Performance Summary/ {t=1} /Task Performance Summary/ {t=0} t && $2 == "ms" && $3 ~ /^_?ClusterReady/ {sum+=$1} END {print sum+0}' "$dir/publish.log"
}

# Prints the wall time in ms of a publish with nothing changed since the previous one.
unchanged_publish_ms() {
  local dir="$1" start end
  start=$(now_ns)
  dotnet publish "$dir" -c Release --no-restore --nologo -v:q >"$dir/publish.log" 2>&1 || { cat "$dir/publish.log" >&2; return 1; }
  end=$(now_ns)
  echo $(((end - start) / 1000000))
}

run_build() {
  say "## Build: dotnet publish -c Release, sample with ClusterReady vs without"
  say
  pack_package
  [[ -n "$BUILD_BEFORE" ]] && pack_before_package "$BUILD_BEFORE"
  [[ "$BUILD_FLOOR" == 1 ]] && pack_floor_package
  local compare_before=0 compare_floor=0 compare_control=0 compare_split=0
  [[ -n "$BUILD_BEFORE" ]] && compare_before=1
  [[ "$BUILD_FLOOR" == 1 ]] && compare_floor=1
  [[ "$BUILD_CONTROL" == 1 ]] && compare_control=1
  [[ "$BUILD_SPLIT" == 1 ]] && compare_split=1
  say "$BUILD_RUNS runs per variant, the variants of a turn in a rotating order (each takes each place equally often, so"
  say "that load from other processes and the place in a turn hit all alike). Clean: bin/ and obj/Release/ removed before"
  say "each run, packages restored once beforehand. Unchanged: the same publish again with nothing changed. Generator as IL:"
  say "the clean publish with ClusterReadyUsePrecompiledGenerator=false, in the same turns (the package's generator without"
  say "its ReadyToRun code, as the compiler gets it on other platforms)."
  [[ -n "$BUILD_BEFORE" ]] && say "Package at $before_revision: the clean publish against the package packed from BUILD_BEFORE, in the same turns."
  [[ "$BUILD_FLOOR" == 1 ]] && say "One-assembly package instead: the app without ClusterReady, with a package of one runtime assembly (BUILD_FLOOR), clean and unchanged, in the same turns."
  [[ "$BUILD_SPLIT" == 1 ]] && say "Build step off: the app with ClusterReady published with -p:ClusterReadyDeploy=false (references, generator and analyzers, no build step), clean, in the same turns."
  [[ "$BUILD_CONTROL" == 1 ]] && say "A/A control: a second copy of the app without ClusterReady, clean and unchanged, in the same turns: the ratio this round would show for no change at all."
  say
  say "| sample | publish | without (ms), median (min-max) | with ClusterReady (ms) | ratio of medians | median of run-pair ratios (95% interval) |"
  say "| --- | --- | --- | --- | --- | --- |"
  local sample notes=()
  for sample in $BUILD_SAMPLES; do
    local with="$work/build/$sample-with/$sample" without="$work/build/$sample-without/$sample" before="$work/build/$sample-before/$sample"
    local floor="$work/build/$sample-floor/$sample" il="$work/build/$sample-il/$sample" control="$work/build/$sample-control/$sample"
    local nostep="$work/build/$sample-nostep/$sample"
    # A folder per variant, so that the rotating order never runs an unchanged publish after another variant's build.
    local -A dir_of=([without]="$without" [il]="$il" [with]="$with")
    # The variants that are another variant's folder published with a property: the IL generator, the build step off.
    local -A property_of=([il]=-p:ClusterReadyUsePrecompiledGenerator=false [nostep]=-p:ClusterReadyDeploy=false)
    local -a clean_variants=(without il with) unchanged_variants=(without with)
    make_copy "$sample" with "$with"
    make_copy "$sample" with "$il"
    make_copy "$sample" without "$without"
    if ((compare_before)); then
      make_copy "$sample" before "$before"
      dir_of[before]="$before"
      clean_variants+=(before)
    fi
    if ((compare_floor)); then
      make_copy "$sample" floor "$floor"
      dir_of[floor]="$floor"
      clean_variants+=(floor)
      unchanged_variants+=(floor)
    fi
    if ((compare_split)); then
      make_copy "$sample" with "$nostep"
      dir_of[nostep]="$nostep"
      clean_variants+=(nostep)
    fi
    if ((compare_control)); then
      make_copy "$sample" without "$control"
      dir_of[control]="$control"
      clean_variants+=(control)
      unchanged_variants+=(control)
    fi
    # Every publish's wall, one file a round: 'python3 benchmarks/build_rounds.py pool <files>' pools rounds.
    local walls
    walls="$out/build-$sample-$(date -u +%Y%m%d-%H%M).tsv"
    printf 'turn\tplace\tvariant\tpublish\tms\ttail_ms\n' >"$walls"
    for dir in "${dir_of[@]}"; do
      dotnet restore "$dir" --nologo -v:q >/dev/null
      clean_publish_ms "$dir" >/dev/null # warm-up: disk cache, first-run work of the SDK
    done

    local variant place ms sample_notes
    for ((i = 0; i < BUILD_RUNS; i++)); do
      place=0
      for variant in $(rotated "$i" "${clean_variants[@]}"); do
        # shellcheck disable=SC2086 # no property: no argument
        ms=$(clean_publish_ms "${dir_of[$variant]}" ${property_of[$variant]:-})
        printf '%s\t%s\t%s\tclean\t%s\n' "$i" "$((place++))" "$variant" "$ms" >>"$walls"
      done
      place=0
      for variant in $(rotated "$i" "${unchanged_variants[@]}"); do
        printf '%s\t%s\t%s\tunchanged\t%s\t\n' "$i" "$((place++))" "$variant" "$(unchanged_publish_ms "${dir_of[$variant]}")" >>"$walls"
      done
    done
    # The table's rows and the lines under it, from the walls file (benchmarks/build_rounds.py).
    python3 "$root/benchmarks/build_rounds.py" table "$sample" "$walls" "$before_revision"
    sample_notes="$(python3 "$root/benchmarks/build_rounds.py" notes "$sample" "$walls" "$before_revision")"
    [[ -n "$sample_notes" ]] && notes+=("$sample_notes")
  done
  say
  if ((${#notes[@]} > 0)); then
    printf '%s\n' "${notes[@]}"
    say
  fi
  say "Time on MSBuild's thread in ClusterReady's targets (-clp:PerformanceSummary; 5 clean publishes each, median):"
  say
  for sample in $BUILD_SAMPLES; do
    for variant in with before; do
      [[ "$variant" == before ]] && ((compare_before == 0)) && continue
      local -a spent=()
      for ((i = 0; i < 5; i++)); do spent+=("$(clusterready_targets_ms "$work/build/$sample-$variant/$sample")"); done
      local label="this tree"
      [[ "$variant" == before ]] && label="package at $before_revision"
      say "- $sample, $label: $(median "${spent[@]}") ms (runs: ${spent[*]})"
    done
  done
  say
  say "Unchanged second publish does no artifact work (each app with ClusterReady, 'dotnet publish -v:n'):"
  say
  for sample in $BUILD_SAMPLES; do
    local dir="$work/build/$sample-with/$sample" deploy stamp_before stamp_after log
    deploy="$dir/bin/Release/net10.0/publish/deploy"
    stamp_before="$(find "$deploy" -type f -printf '%p %T@\n' | sort | md5sum)"
    log="$(dotnet publish "$dir" -c Release --no-restore --nologo -v:n 2>&1)"
    stamp_after="$(find "$deploy" -type f -printf '%p %T@\n' | sort | md5sum)"
    local skipped="no" tool="no" touched="yes"
    grep -q 'Skipping target "ClusterReadyStartArtifacts" because all output files are up-to-date' <<<"$log" && skipped="yes"
    grep -q 'ClusterReady.Tool' <<<"$log" && tool="yes"
    [[ "$stamp_before" == "$stamp_after" ]] && touched="no"
    say "- $sample: target skipped as up to date: $skipped; ClusterReady.Tool started: $tool; deploy/ files rewritten: $touched"
  done
  say
  # Which tool and which generator a clean publish used: seen in the web API sample's, or the last app's without it.
  local app="${BUILD_SAMPLES##* }"
  [[ " $BUILD_SAMPLES " == *" OrdersApi "* ]] && app=OrdersApi
  local dir="$work/build/$app-with/$app" log which="the IL tool (dotnet tools/net10.0/ClusterReady.Tool.dll)"
  rm -rf "${dir:?}/bin" "${dir:?}/obj/Release"
  log="$(dotnet publish "$dir" -c Release --no-restore --nologo -v:n 2>&1)"
  grep -q "/tools/$(dotnet --info | awk '/ RID:/ {print $2; exit}')/ClusterReady.Tool\" --output" <<<"$log" && which="the native tool (tools/<rid>/ClusterReady.Tool, Native AOT)"
  say "The build step of a clean publish ran $which."
  local generator="the IL generator (analyzers/dotnet/cs)"
  grep -q "/precompiled-analyzers/[^/]*/ClusterReady.Generators.dll" <<<"$log" && generator="the generator with ReadyToRun code (precompiled-analyzers/<rid>)"
  say "The compiler ran $generator."
  say
  say "Load average after the build section: $(load)"
  say
}

# ---------------------------------------------------------------------------------------------------------------
# Build profile: where the time a publish adds goes. The build section's two samples, with and without ClusterReady,
# published with MSBuild's performance summary in turns (clean, then unchanged), and the medians of every target and
# task compared (benchmarks/build_profile_report.py). MSBuild's own thread only: the compiler server's and the build
# step's background work show up in the wall time and in the waits on them (Csc, _ClusterReadyAwaitArtifacts).
# ---------------------------------------------------------------------------------------------------------------
# One publish of $1 with MSBuild's performance summary: its log in $2.log, its wall time in ms in $2.ms.
profiled_publish() {
  local dir="$1" to="$2" start
  start=$(now_ns)
  dotnet publish "$dir" -c Release --no-restore --nologo -v:m -clp:PerformanceSummary >"$to.log" 2>&1 || { cat "$to.log" >&2; return 1; }
  echo $((($(now_ns) - start) / 1000000)) >"$to.ms"
}

run_build_profile() {
  say "## Build profile: dotnet publish -c Release -clp:PerformanceSummary, with ClusterReady and without"
  say
  pack_package
  local -a variants=(without)
  if [[ -n "$BUILD_BEFORE" ]]; then
    pack_before_package "$BUILD_BEFORE"
    variants+=(before)
  fi
  if [[ "$BUILD_FLOOR" == 1 ]]; then
    pack_floor_package
    variants+=(floor)
  fi
  variants+=(with)
  say "$PROFILE_RUNS turns; in each, per variant (${variants[*]}, in a rotating order), a clean publish (bin/ and"
  say "obj/Release/ removed) and then an unchanged one. Load average before: $(load)"
  say
  local sample variant dir i
  for sample in $BUILD_SAMPLES; do
    local logs="$work/profile/$sample"
    mkdir -p "$logs"
    for variant in "${variants[@]}"; do
      dir="$work/build/$sample-$variant/$sample"
      [[ -d "$dir" ]] || make_copy "$sample" "$variant" "$dir"
      dotnet restore "$dir" --nologo -v:q >/dev/null
      clean_publish_ms "$dir" >/dev/null # warm-up: disk cache, first-run work of the SDK
    done
    for ((i = 0; i < PROFILE_RUNS; i++)); do
      for variant in $(rotated "$i" "${variants[@]}"); do
        dir="$work/build/$sample-$variant/$sample"
        rm -rf "${dir:?}/bin" "${dir:?}/obj/Release"
        profiled_publish "$dir" "$logs/clean-$variant-$i"
        profiled_publish "$dir" "$logs/unchanged-$variant-$i"
      done
    done
    say "### $sample"
    say
    python3 "$root/benchmarks/build_profile_report.py" "$logs" "$PROFILE_RUNS" clean unchanged
    if [[ -n "$BUILD_BEFORE" ]]; then
      say "### $sample: this tree against the package at $before_revision"
      say
      python3 "$root/benchmarks/build_profile_report.py" --baseline before "$logs" "$PROFILE_RUNS" clean unchanged
    fi
    if [[ "$BUILD_FLOOR" == 1 ]]; then
      say "### $sample: a package of one runtime assembly (no ClusterReady) against none"
      say
      python3 "$root/benchmarks/build_profile_report.py" --variant floor "$logs" "$PROFILE_RUNS" clean unchanged
      say "### $sample: ClusterReady against the package of one runtime assembly"
      say
      python3 "$root/benchmarks/build_profile_report.py" --baseline floor "$logs" "$PROFILE_RUNS" clean unchanged
    fi
  done
  say "Load average after the build profile: $(load)"
  say
}

# ---------------------------------------------------------------------------------------------------------------
# Runtime: start-up, readiness throughput, SIGTERM.
# ---------------------------------------------------------------------------------------------------------------

run_startup() {
  say "## Runtime: time to ready and working set, worker with ClusterReady vs bare Generic Host worker"
  say
  local before=() env=() pair
  if [[ -n "$STARTUP_BEFORE" ]]; then
    publish_before_app
    before=(--before "$apps_out/ClusterReadyWorkerBefore/ClusterReadyWorker")
  fi
  for pair in $STARTUP_ENV; do env+=(--env "$pair"); done
  [[ -n "$STARTUP_ENV" ]] && say "Every app started with: $STARTUP_ENV" && say
  dotnet "$harness" startup --bare "$apps_out/BareWorker/BareWorker" --clusterready "$apps_out/ClusterReadyWorker/ClusterReadyWorker" \
    "${before[@]}" "${env[@]}" --port "$PORT_BASE" --runs "$STARTUP_RUNS"
  say
  say "### Where the start-up time goes"
  say
  # The step-by-step apps: benchmarks/apps/Phases/Program.cs, compiled four ways.
  publish_apps PhasesBare PhasesChecks PhasesFloor PhasesClusterReady
  dotnet "$harness" phases --app "bare=$apps_out/PhasesBare/PhasesBare" --app "bare + health check=$apps_out/PhasesChecks/PhasesChecks" \
    --serving-app "least probe endpoint=$apps_out/PhasesFloor/PhasesFloor" \
    --serving-app "ClusterReady=$apps_out/PhasesClusterReady/PhasesClusterReady" "${env[@]}" --port "$PORT_BASE" --runs "$STARTUP_RUNS"
  say
  say "Load average after the start-up section: $(load)"
  say
}

wait_ready() {
  local url="$1" deadline=$((SECONDS + 60))
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" == 200 ]]; do
    ((SECONDS < deadline)) || { echo "not ready: $url" >&2; return 1; }
    sleep 0.05
  done
}

cache_duration() { if [[ "$1" == *-uncached ]]; then echo 00:00:00; else echo 00:00:01; fi; }

# Starts one of the readiness targets in the background; sets app_pid and app_url (the URL to load).
start_target() {
  local target="$1" port="$PORT_BASE"
  case "$target" in
    worker | worker-uncached)
      # Uncached: ClusterReady reuses a check result for 1 s by default; 0 runs the checks on every request, as
      # MapHealthChecks does.
      ClusterReady__ManagementPort=$port ClusterReady__HealthCheckCacheDuration="$(cache_duration "$target")" \
        "$apps_out/ClusterReadyWorker/ClusterReadyWorker" >"$work/$target.log" 2>&1 &
      ;;
    clusterready-kestrel | clusterready-kestrel-uncached)
      ASPNETCORE_URLS="http://127.0.0.1:$((port + 1))" ClusterReady__ManagementPort=$port \
        ClusterReady__HealthCheckCacheDuration="$(cache_duration "$target")" \
        "$apps_out/ClusterReadyWebApp/ClusterReadyWebApp" >"$work/$target.log" 2>&1 &
      ;;
    maphealthchecks)
      ASPNETCORE_URLS="http://127.0.0.1:$port" "$apps_out/HealthChecksWebApp/HealthChecksWebApp" >"$work/$target.log" 2>&1 &
      ;;
  esac
  app_pid=$!
  app_url="http://127.0.0.1:$port/healthz/ready"
}

stop_target() {
  kill -KILL "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
}

# wrk's p99 in ms from its --latency report ("99%  1.23ms", units us/ms/s)
p99_ms() {
  awk '$1 == "99%" {v=$2; u=v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
       if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.2f", v}'
}

run_throughput() {
  command -v wrk >/dev/null || { say "## Readiness throughput: skipped (wrk is not installed: apt-get install -y wrk)"; say; return; }
  say "## Runtime: readiness endpoint throughput and p99 latency"
  say
  say "wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION --latency against /healthz/ready on 127.0.0.1, one check tagged \"ready\""
  say "in every app, $WRK_ROUNDS rounds with the targets in turn; 2 s of unmeasured load first in each round."
  say "wrk and the app share the machine's cores."
  say
  local -A rps=() p99=()
  local -a targets=(maphealthchecks worker clusterready-kestrel worker-uncached clusterready-kestrel-uncached)
  local target round report non2xx
  for ((round = 0; round < WRK_ROUNDS; round++)); do
    for target in "${targets[@]}"; do
      start_target "$target"
      wait_ready "$app_url"
      wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d2s "$app_url" >/dev/null
      report="$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency "$app_url")"
      stop_target
      non2xx="$(awk '/Non-2xx/ {print $NF}' <<<"$report")"
      [[ -n "$non2xx" ]] && say "warning: $target answered $non2xx non-2xx responses in round $round"
      rps[$target]+="$(awk '/^Requests\/sec/ {print $2}' <<<"$report") "
      p99[$target]+="$(p99_ms <<<"$report") "
    done
  done
  local base_rps base_p99 r p
  # The per-round values are space-separated lists: split on purpose.
  # shellcheck disable=SC2086
  base_rps=$(median ${rps[maphealthchecks]})
  # shellcheck disable=SC2086
  base_p99=$(median ${p99[maphealthchecks]})
  say "| target | requests/s, median (rounds) | ratio to (c) | p99 ms, median (rounds) | ratio to (c) |"
  say "| --- | --- | --- | --- | --- |"
  local label
  for target in worker clusterready-kestrel maphealthchecks worker-uncached clusterready-kestrel-uncached; do
    case "$target" in
      worker) label="(a) ClusterReady worker listener" ;;
      clusterready-kestrel) label="(b) ClusterReady on Kestrel (web app, management port)" ;;
      maphealthchecks) label="(c) ASP.NET Core MapHealthChecks on Kestrel (baseline)" ;;
      worker-uncached) label="(a') as (a), check result cache off" ;;
      clusterready-kestrel-uncached) label="(b') as (b), check result cache off" ;;
    esac
    # shellcheck disable=SC2086
    r=$(median ${rps[$target]})
    # shellcheck disable=SC2086
    p=$(median ${p99[$target]})
    say "| $label | $(printf '%.0f' "$r") (${rps[$target]% }) | $(ratio "$r" "$base_rps")x | $p (${p99[$target]% }) | $(ratio "$p" "$base_p99")x |"
  done
  say
  say "Load average after the throughput section: $(load)"
  say
}

run_sigterm() {
  say "## Runtime: SIGTERM to readiness 503"
  say
  dotnet "$harness" sigterm --app "worker listener=$apps_out/ClusterReadyWorker/ClusterReadyWorker" \
    --app "web app (Kestrel)=$apps_out/ClusterReadyWebApp/ClusterReadyWebApp" --port "$PORT_BASE" --runs "$SIGTERM_RUNS"
  say
  say "Load average after the SIGTERM section: $(load)"
  say
}

# ---------------------------------------------------------------------------------------------------------------
# Latency under a CPU quota (issue 21): the web sample in a container, default output vs [LatencyProfile].
# ---------------------------------------------------------------------------------------------------------------

latency_containers=()
latency_images=()
latency_cleanup() {
  local name
  for name in "${latency_containers[@]}"; do podman rm -f -t 0 "$name" >/dev/null 2>&1 || true; done
  for name in "${latency_images[@]}"; do podman rmi -f "$name" >/dev/null 2>&1 || true; done
  return 0
}

# Reads the rendered Deployment (deploy/kubernetes/base/deployment.yaml) of a publish: writes the container's plain env
# values to <env file> (NAME=VALUE lines, podman --env-file) and prints shell assignments of cpu_limit (CPUs, e.g. 0.5),
# memory_limit (bytes), app_port, ready_port and ready_path. Values from Secrets and ConfigMaps are left out.
read_deployment() {
  local yaml="$1" env_file="$2"
  python3 - "$yaml" "$env_file" <<'PY'
import re, sys
path, env_file = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
try:
    import yaml
    container = yaml.safe_load(text)["spec"]["template"]["spec"]["containers"][0]
except ImportError:
    sys.exit("python3 has no yaml module (Debian: apt-get install -y python3-yaml)")
limits = container.get("resources", {}).get("limits", {})
def cpus(q):
    q = str(q)
    return float(q[:-1]) / 1000 if q.endswith("m") else float(q)
units = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}
def quantity(q):
    number, unit = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", str(q)).groups()
    return int(float(number) * units.get(unit, 1))
ports = {p.get("name"): p["containerPort"] for p in container.get("ports", [])}
probe = container["readinessProbe"]["httpGet"]
ready_port = probe["port"] if isinstance(probe["port"], int) else ports[probe["port"]]
app_port = ports.get("http") or next(p for p in ports.values() if p != ready_port)
with open(env_file, "w", encoding="utf-8") as out:
    for variable in container.get("env", []):
        if "value" in variable:
            out.write(f"{variable['name']}={variable['value']}\n")
print(f"cpu_limit={cpus(limits['cpu']) if 'cpu' in limits else ''}")
print(f"memory_limit={quantity(limits['memory']) if 'memory' in limits else ''}")
print(f"app_port={app_port} ready_port={ready_port} ready_path={probe['path']}")
PY
}

# The whole CPUs of the cpuset that emulates the kubelet's static CPU manager: the last <n> CPUs of the machine (the
# load generator runs on LATENCY_CLIENT_CPUS, CPU 0 by default).
last_cpus() { local n="$1" total; total="$(nproc)"; seq -s, $((total - n)) $((total - 1)); }

# One window's figure from the harness's report: latency_figure <report file> <window> <field>
latency_figure() { awk -v w="$2:" -v f="$3" '$1 == w {for (i = 2; i < NF; i++) if ($i == f) print $(i + 1)}' "$1"; }

client() { if [[ -n "$LATENCY_CLIENT_CPUS" ]]; then taskset -c "$LATENCY_CLIENT_CPUS" "$@"; else "$@"; fi; }

# Creates the container of a variant (not started) with the given podman options; sets latency_container.
latency_container=""
create_container() {
  local variant="$1" image="$2" env_file="$3"
  shift 3
  latency_container="clusterready-latency-$variant-$$"
  latency_containers+=("$latency_container")
  podman rm -f -t 0 "$latency_container" >/dev/null 2>&1 || true
  # As the generated Deployment runs it: read-only root filesystem with a writable /tmp, no capabilities, no privilege
  # escalation; ports on loopback only.
  podman create --name "$latency_container" --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges \
    -p "127.0.0.1:$PORT_BASE:$app_port" -p "127.0.0.1:$((PORT_BASE + 1)):$ready_port" --env-file "$env_file" "$@" "$image" >/dev/null
}

stop_container() {
  podman rm -f -t 0 "$latency_container" >/dev/null 2>&1 || true
  latency_container=""
}

# Throttled CFS periods of the running container so far (cgroup v1 or v2), or "n/a".
throttled() {
  podman exec "$latency_container" sh -c 'cat /sys/fs/cgroup/cpu/cpu.stat 2>/dev/null || cat /sys/fs/cgroup/cpu.stat' 2>/dev/null |
    awk '$1 == "nr_periods" {p=$2} $1 == "nr_throttled" {t=$2} END {if (p != "") printf "%d of %d", t, p; else print "n/a"}'
}

run_latency() {
  command -v podman >/dev/null || { say "## Latency: skipped (podman is not installed: bash eng/podman/install.sh)"; say; return; }
  command -v wrk >/dev/null || { say "## Latency: skipped (wrk is not installed: apt-get install -y wrk)"; say; return; }
  bash "$root/eng/podman/base-images.sh" >/dev/null
  build_harness
  pack_package
  local dir="$work/latency" variant has_profile=no
  for variant in default profile; do
    make_copy OrdersApi with "$dir/$variant/OrdersApi"
  done
  # "default" is the sample without its [LatencyProfile] line; "profile" is the sample as it is.
  grep -q '^[[:space:]]*\[LatencyProfile' "$dir/profile/OrdersApi/Deployment.cs" && has_profile=yes
  # The attribute's lines: from the one that opens it to the one that closes it (the same line, unless its arguments
  # are spread over several).
  awk 'skip == 0 && /^[ \t]*\[LatencyProfile/ {skip = 1}
       skip {if ($0 ~ /\][ \t]*(\/\/.*)?$/) skip = 0; next}
       {print}' "$dir/profile/OrdersApi/Deployment.cs" >"$dir/default/OrdersApi/Deployment.cs"
  # Without the profile a limit is no longer the request, and the sample's autoscaler needs one (CR1004): the default
  # copy gets the requests the sample declared before it took the profile. Requests do not change a container here
  # (podman applies the limits), only whether the declaration is valid.
  if ! grep -q 'CpuRequest' "$dir/default/OrdersApi/Deployment.cs"; then
    sed -i 's/\[Resources(/[Resources(CpuRequest = "250m", MemoryRequest = "256Mi", /' "$dir/default/OrdersApi/Deployment.cs"
  fi

  local -A cpu=() memory=() env_file=() image=()
  # Set by read_deployment; the ports and the readiness path are the sample's, the same in both variants.
  local cpu_limit memory_limit app_port ready_port ready_path
  # "readytorun": the profile's code, published for the image's runtime with the app's own assemblies precompiled (what
  # docs/latency.md tells a project how to turn on). The same Dockerfile runs it.
  make_copy OrdersApi with "$dir/readytorun/OrdersApi"
  cp "$dir/profile/OrdersApi/Deployment.cs" "$dir/readytorun/OrdersApi/Deployment.cs"
  local -A publish_options=([default]="" [profile]="" [readytorun]="-r linux-x64 --self-contained false -p:PublishReadyToRun=true")
  for variant in default profile readytorun; do
    local project="$dir/$variant/OrdersApi" publish
    publish="$project/bin/Release/net10.0/publish"
    [[ "$variant" == readytorun ]] && publish="$project/bin/Release/net10.0/linux-x64/publish"
    # The options are words without spaces, split on purpose.
    # shellcheck disable=SC2086
    dotnet restore "$project" --nologo -v:q ${publish_options[$variant]/--self-contained false/} >/dev/null
    # shellcheck disable=SC2086
    dotnet publish "$project" -c Release --no-restore --nologo -v:q ${publish_options[$variant]} >"$project/publish.log" 2>&1 || { cat "$project/publish.log" >&2; return 1; }
    image[$variant]="localhost/clusterready-latency-$variant:$bench_version"
    latency_images+=("${image[$variant]}")
    podman build --pull=never -q -t "${image[$variant]}" -f "$publish/deploy/Dockerfile" "$publish" >/dev/null
    env_file[$variant]="$dir/$variant.env"
    eval "$(read_deployment "$publish/deploy/kubernetes/base/deployment.yaml" "${env_file[$variant]}")"
    cpu[$variant]="$cpu_limit"
    memory[$variant]="$memory_limit"
  done
  [[ -n "${cpu[default]}" && -n "${memory[default]}" ]] || { echo "the sample's Deployment has no CPU or memory limit" >&2; return 1; }
  [[ -n "${memory[profile]}" ]] || { echo "the profile's Deployment has no memory limit" >&2; return 1; }
  local profile_cpus="${cpu[profile]:-${cpu[default]}}"
  # Whole CPUs for the cpuset (a fractional limit is not eligible for the static CPU manager: rounded up here).
  local whole_cpus
  whole_cpus="$(awk -v c="$profile_cpus" 'BEGIN {n = int(c); if (n < c) n++; if (n < 1) n = 1; print n}')"
  local cpuset="${LATENCY_CPUSET:-$(last_cpus "$whole_cpus")}"

  say "## Latency under a CPU quota: OrdersApi in a container, default output vs [LatencyProfile]"
  say
  say "- [LatencyProfile] in the sample's Deployment.cs: $has_profile$([[ $has_profile == no ]] && echo " (so \"profile\" is built from the same code as \"default\" and the ratios compare two identical builds)")"
  say "- limits from the rendered base Deployment: default --cpus=${cpu[default]} --memory=${memory[default]}; profile --cpus=${cpu[profile]:-none} --memory=${memory[profile]}"
  say "- profile env (plain values): $(tr '\n' ' ' <"${env_file[profile]}")"
  say "- the app's own assembly: OrdersApi.dll $(stat -c %s "$dir/profile/OrdersApi/bin/Release/net10.0/publish/OrdersApi.dll") bytes of IL, $(stat -c %s "$dir/readytorun/OrdersApi/bin/Release/net10.0/linux-x64/publish/OrdersApi.dll") bytes with ReadyToRun code (readytorun; the ClusterReady libraries are precompiled in the package already)"
  say "- load generator and wrk on CPUs ${LATENCY_CLIENT_CPUS:-any}; cpuset of the static CPU manager emulation: $cpuset"
  say "- load average before (1/5/15 min): $(load)"
  local shared_cpu
  for shared_cpu in ${LATENCY_CLIENT_CPUS//,/ }; do
    if [[ ",$cpuset," == *",$shared_cpu,"* ]]; then
      say "- warning: the profile's cpuset ($cpuset) includes CPU $shared_cpu of the load generator; set LATENCY_CPUSET or LATENCY_CLIENT_CPUS"
    fi
  done
  say

  # Calibration: the default container's capacity at its quota, closed loop, on the GET the load sends.
  local rate="$LATENCY_RATE" capacity=""
  if [[ -z "$rate" ]]; then
    create_container calibrate "${image[default]}" "${env_file[default]}" --cpus="${cpu[default]}" --memory="${memory[default]}b"
    podman start "$latency_container" >/dev/null
    wait_ready "http://127.0.0.1:$((PORT_BASE + 1))$ready_path"
    local i
    for ((i = 0; i < LATENCY_SEED; i++)); do
      curl -s -o /dev/null -H 'Content-Type: application/json' -d "{\"sku\":\"SKU-$i\",\"quantity\":1}" "http://127.0.0.1:$PORT_BASE/orders"
    done
    client wrk -t1 -c32 -d2s "http://127.0.0.1:$PORT_BASE/orders" >/dev/null
    capacity="$(client wrk -t1 -c32 -d"$LATENCY_CALIBRATE" "http://127.0.0.1:$PORT_BASE/orders" | awk '/^Requests\/sec/ {print $2}')"
    stop_container
    rate="$(awk -v c="$capacity" -v l="$LATENCY_LOAD" 'BEGIN {printf "%.0f", c * l}')"
    say "Capacity of the default container at --cpus=${cpu[default]} (wrk -t1 -c32 -d$LATENCY_CALIBRATE, GET /orders with $LATENCY_SEED orders): $capacity requests/s; load: $LATENCY_LOAD of it = $rate requests/s for every variant."
  else
    say "Rate given (LATENCY_RATE): $rate requests/s for every variant."
  fi
  say

  # variant name, image, env, podman options
  local -a variants
  read -r -a variants <<<"$LATENCY_VARIANTS"
  local -A limits=()
  # The default output is what a service gets without opting in: no profile and no warm-up (the sample registers one).
  limits[default]="--cpus=${cpu[default]} --memory=${memory[default]}b -e ClusterReady__WarmupEnabled=false"
  local setting
  for setting in ${LATENCY_DEFAULT_ENV:-}; do limits[default]+=" -e $setting"; done
  limits[profile]="--cpus=$profile_cpus --memory=${memory[profile]}b --cpuset-cpus=$cpuset"
  limits[profile-shared]="--cpus=$profile_cpus --memory=${memory[profile]}b"
  limits[profile-nolimit]="--memory=${memory[profile]}b -e DOTNET_PROCESSOR_COUNT=$whole_cpus"
  limits[profile-nowarmup]="${limits[profile]} -e ClusterReady__WarmupEnabled=false"
  limits[profile-readytorun]="${limits[profile]}"
  limits[profile-readytorun-nowarmup]="${limits[profile-nowarmup]}"
  # Tiered compilation off: every method compiled fully optimized on first call (no tier 0, no Dynamic PGO).
  limits[profile-notiered]="${limits[profile]} -e DOTNET_TieredCompilation=0"
  # DOTNET_PROCESSOR_COUNT of the manifest, if the profile sets one, wins over the one above (--env-file comes first).
  grep -q '^DOTNET_PROCESSOR_COUNT=' "${env_file[profile]}" && limits[profile-nolimit]="--memory=${memory[profile]}b"
  local -A report=() throttle=()
  for variant in "${variants[@]}"; do
    local source=profile
    [[ "$variant" == default ]] && source=default
    [[ "$variant" == profile-readytorun* ]] && source=readytorun
    # The options are words without spaces, split on purpose.
    # shellcheck disable=SC2086
    create_container "$variant" "${image[$source]}" "${env_file[$source]}" ${limits[$variant]}
    report[$variant]="$dir/$variant.txt"
    # The harness warms its own client up, then starts the container and polls its readiness.
    client dotnet "$harness" latency --container "$latency_container" --port "$PORT_BASE" --ready-port "$((PORT_BASE + 1))" --ready-path "$ready_path" \
      --path /orders --seed-path /orders --seed "$LATENCY_SEED" --rate "$rate" --duration "$LATENCY_DURATION" \
      --warm "$LATENCY_WARM" --connections "$LATENCY_CONNECTIONS" >"${report[$variant]}"
    throttle[$variant]="$(throttled)"
    stop_container
  done

  say "Open-loop load from the moment readiness ($ready_path, polled every 5 ms) answered 200: $rate requests/s for $LATENCY_DURATION s,"
  say "$LATENCY_CONNECTIONS keep-alive connections, the first $LATENCY_SEED requests POST /orders, then GET /orders (the JSON list)."
  say "Latency in ms from each request's intended send time. First 1,000: the first 1,000 requests after ready; steady: the"
  say "requests due after the first $LATENCY_WARM s. Throttled: CFS periods throttled of all periods, start-up included. Sender"
  say "late: p99 of how late the load generator sent (first 1,000 / steady; part of the latencies, should be near 0)."
  say
  say "| variant | podman options | ready after (ms) | first 1,000 p50 / p99 / p99.9 / max | steady p50 | steady p90 | steady p99 | steady p99.9 | steady max | errors | throttled | sender late |"
  say "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for variant in "${variants[@]}"; do
    local r="${report[$variant]}" f errors
    f="$(latency_figure "$r" first-1000 p50) / $(latency_figure "$r" first-1000 p99) / $(latency_figure "$r" first-1000 p99.9) / $(latency_figure "$r" first-1000 max)"
    errors=$(($(latency_figure "$r" first-1000 errors) + $(latency_figure "$r" steady errors)))
    say "| $variant | ${limits[$variant]} | $(awk '/^ready after/ {print $3}' "$r") | $f | $(latency_figure "$r" steady p50) | $(latency_figure "$r" steady p90) | $(latency_figure "$r" steady p99) | $(latency_figure "$r" steady p99.9) | $(latency_figure "$r" steady max) | $errors | ${throttle[$variant]} | $(latency_figure "$r" first-1000 sender-p99) / $(latency_figure "$r" steady sender-p99) |"
  done
  say
  # figure <variant> <window> <field>: empty when the variant did not run (LATENCY_VARIANTS).
  figure() { [[ -n "${report[$1]:-}" ]] && latency_figure "${report[$1]}" "$2" "$3"; }
  ready_ms() { [[ -n "${report[$1]:-}" ]] && awk '/^ready after/ {print $3}' "${report[$1]}"; }
  # row <label> <value> <baseline> <goal>: a ratio row, left out when a figure is missing.
  row() { [[ -n "$2" && -n "$3" ]] && say "| $1 | $(ratio "$2" "$3")x | $4 |"; return 0; }
  local default_p99 profile_p99
  default_p99="$(figure default steady p99)"
  profile_p99="$(figure profile steady p99)"
  say "| ratio | value | goal |"
  say "| --- | --- | --- |"
  row "steady p99, profile / default" "$profile_p99" "$default_p99" "<= 0.5"
  row "steady p99, profile without cpuset / default" "$(figure profile-shared steady p99)" "$default_p99" ""
  row "steady p99, profile without CPU limit / default" "$(figure profile-nolimit steady p99)" "$default_p99" ""
  row "first-1,000 p99 with warm-up / steady p99 (profile)" "$(figure profile first-1000 p99)" "$profile_p99" "<= 1.5"
  row "first-1,000 p99 without warm-up / steady p99 (profile)" "$(figure profile-nowarmup first-1000 p99)" "$profile_p99" ""
  row "first-1,000 p99, default / its steady p99" "$(figure default first-1000 p99)" "$default_p99" ""
  row "ready after, ReadyToRun / IL (profile, with warm-up)" "$(ready_ms profile-readytorun)" "$(ready_ms profile)" ""
  row "ready after, ReadyToRun / IL (profile, without warm-up)" "$(ready_ms profile-readytorun-nowarmup)" "$(ready_ms profile-nowarmup)" ""
  row "first-1,000 p99, ReadyToRun / IL (profile, with warm-up)" "$(figure profile-readytorun first-1000 p99)" "$(figure profile first-1000 p99)" ""
  row "first-1,000 p99, ReadyToRun / IL (profile, without warm-up)" "$(figure profile-readytorun-nowarmup first-1000 p99)" "$(figure profile-nowarmup first-1000 p99)" ""
  row "steady p99, ReadyToRun / IL (profile)" "$(figure profile-readytorun steady p99)" "$profile_p99" ""
  row "ready after, tiered compilation off / on (profile)" "$(ready_ms profile-notiered)" "$(ready_ms profile)" ""
  row "first-1,000 p99, tiered compilation off / on (profile)" "$(figure profile-notiered first-1000 p99)" "$(figure profile first-1000 p99)" ""
  row "steady p99, tiered compilation off / on (profile)" "$(figure profile-notiered steady p99)" "$profile_p99" ""
  say
  say "Load average after the latency section: $(load)"
  say
}

# The web sample (with the package) built once with -v:d to capture the compiler's command line, in $2 as response
# files: packaged.rsp (as the build writes it, with /reportanalyzer), without.rsp (no ClusterReady analyzer assemblies;
# the references stay, so the code still compiles) and last.rsp (ClusterReady's analyzer assemblies at the end). Sets
# compiler_path to the csc the SDK runs; the compiles run from the project folder, $1.
compiler_path=""
capture_compile() {
  local dir="$1" out="$2"
  pack_package
  make_copy OrdersApi with "$dir"
  mkdir -p "$out"
  if ((COMPILER_APP_TYPES > 0)); then
    # A larger app: that many plain classes more, so that every variant compiles them; each has a property and a method
    # whose body makes four calls and one assignment, the syntax AppEndpointsAnalyzer's actions look at.
    awk -v n="$COMPILER_APP_TYPES" 'BEGIN { print "namespace ManyTypes;"; for (i = 0; i < n; i++) printf "public sealed class C%d { private int _n; public string P { get; set; } = \"v%d\"; public int M(int x) { _n = x + %d; var s = string.Concat(P, x.ToString()); System.Console.WriteLine(s); return s.Length + System.Math.Max(x, _n); } }\n", i, i, i }' >"$dir/ManyTypes.cs"
  fi
  dotnet restore "$dir" --nologo -v:q >/dev/null
  dotnet build "$dir" -c Release --no-restore --no-incremental --nologo -v:d -p:UseSharedCompilation=false \
    -p:ReportAnalyzer=true -p:ClusterReadyDeployOnBuild=false >"$out/build.log" 2>&1 || { tail -30 "$out/build.log" >&2; return 1; }
  local command
  command="$(grep -m1 -E '^ +[^ ]*/bincore/csc ' "$out/build.log" | sed 's/^ *//')"
  [[ -n "$command" ]] || { echo "no csc command line in the build log" >&2; return 1; }
  compiler_path="${command%% *}"
  # One argument per line in response files; the command line's arguments have no spaces inside them here.
  tr ' ' '\n' <<<"${command#* }" | grep -v '^$' >"$out/packaged.rsp"
  grep -v '^/analyzer:.*ClusterReady' "$out/packaged.rsp" >"$out/without.rsp"
  { cat "$out/without.rsp"; grep '^/analyzer:.*ClusterReady' "$out/packaged.rsp"; } >"$out/last.rsp"
}

# Runs the captured compile once, from the project folder $1 with the response file $2: the compiler's output in $3.out,
# its wall time in ms in $3.ms. Further arguments are environment assignments for the compiler (NAME=VALUE).
timed_compile() {
  local dir="$1" rsp="$2" base="$3" start
  shift 3
  start=$(now_ns)
  (cd "$dir" && env "$@" "$compiler_path" "@$rsp" >"$base.out" 2>&1) || { tail -20 "$base.out" >&2; return 1; }
  echo $((($(now_ns) - start) / 1000000)) >"$base.ms"
}

# Issue 19: what ClusterReady's generator and analyzers cost one cold command-line compile, found by running the
# compiler itself. The web sample's compile (capture_compile) runs again and again as a new process (csc without the
# compiler server: cold, as a CI build's first compile), in three variants taken in turns: "packaged" (the command line
# as the build writes it: ClusterReady's analyzer assemblies where the package puts them, before the SDK's generators),
# "last" (the same assemblies moved to the end of the list, so that the generator runs after the SDK's), "without" (no
# ClusterReady analyzer assemblies), and "probes"/"probes-without": those two with the first-touch generators of
# benchmarks/apps/FirstTouchGenerators in front, which take the cost that the first generator to look up a type or an
# attribute pays for every generator. /reportanalyzer gives each generator's and analyzer's time.
run_compiler() {
  say "## Compiler: ClusterReady's generator and analyzers in a cold compile (issue 19)"
  say
  local dir="$work/compiler/OrdersApi" out="$work/compiler/runs"
  capture_compile "$dir" "$out"
  # "probes" and "probes-without": the same two command lines with the first-touch generators in front.
  dotnet build "$root/benchmarks/apps/FirstTouchGenerators/FirstTouchGenerators.csproj" -c Release --nologo -v:q >/dev/null
  local probes="/analyzer:$root/benchmarks/apps/FirstTouchGenerators/bin/Release/netstandard2.0/FirstTouchGenerators.dll"
  { echo "$probes"; cat "$out/packaged.rsp"; } >"$out/probes.rsp"
  { echo "$probes"; cat "$out/without.rsp"; } >"$out/probes-without.rsp"
  say "The web sample's compile ($(grep -c '^/analyzer:' "$out/packaged.rsp") analyzer assemblies, $(grep -c '^/analyzer:.*ClusterReady' "$out/packaged.rsp") of them ClusterReady's: $(grep '^/analyzer:.*ClusterReady' "$out/packaged.rsp" | sed 's#.*/##' | tr '\n' ' ')),"
  say "run as a new csc process $COMPILER_RUNS times per variant, variants in turns (in a rotating order); medians. Load average before: $(load)"
  say
  local i variant
  (cd "$dir" && "$compiler_path" "@$out/packaged.rsp" >/dev/null 2>&1) || true # warm-up: disk cache
  for ((i = 0; i < COMPILER_RUNS; i++)); do
    for variant in $(rotated "$i" packaged last without probes probes-without); do
      timed_compile "$dir" "$out/$variant.rsp" "$out/$variant-$i"
    done
  done
  python3 "$root/benchmarks/compiler_report.py" "$out" "$COMPILER_RUNS" packaged last without probes probes-without | while IFS= read -r line; do say "$line"; done
  say
  say "Load average after the compiler section: $(load)"
  say
}

# Issue 19: where ClusterReady's part of a cold compile goes, read from the compiler process itself. The web sample's
# compile (capture_compile, without /reportanalyzer, which times every analyzer action) runs TRACE_RUNS times with and
# without ClusterReady's analyzer assemblies, in turns, each with EventPipe on from the process's start: the sample
# profiler (every managed thread's stack once a millisecond) and the runtime's JIT events. The harness's compiler-trace
# report attributes the samples whose stacks hold ClusterReady's code, compares what every generator's set-up costs in
# both variants (the first generator to build a pipeline pays the shared first use for all) and lists the methods
# JIT-compiled only with ClusterReady.
run_compiler_trace() {
  say "## Compiler trace: where ClusterReady's part of a cold compile goes (issue 19)"
  say
  build_harness
  local dir="$work/compiler-trace/OrdersApi" out="$work/compiler-trace/runs" i variant
  capture_compile "$dir" "$out"
  for variant in packaged without; do grep -v '^/reportanalyzer' "$out/$variant.rsp" >"$out/trace-$variant.rsp"; done
  (cd "$dir" && "$compiler_path" "@$out/trace-packaged.rsp" >/dev/null 2>&1) || true # warm-up: disk cache
  for ((i = 0; i < TRACE_RUNS; i++)); do
    for variant in $(rotated "$i" packaged without); do
      timed_compile "$dir" "$out/trace-$variant.rsp" "$out/trace-$variant-$i" DOTNET_EnableEventPipe=1 \
        DOTNET_EventPipeOutputPath="$out/trace-$variant-$i.nettrace" \
        DOTNET_EventPipeConfig='Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:0x18:5'
    done
  done
  dotnet "$harness" compiler-trace --dir "$out" --runs "$TRACE_RUNS" --with packaged --without without | while IFS= read -r line; do say "$line"; done
  say
  say "Load average after the compiler trace: $(load)"
  say
}

# Issue 19: a solution of N services. N copies of the web sample (projects Svc01..SvcN), once with the package and once
# without ClusterReady (make_copy's two variants), each a solution built clean with 'dotnet build -c Release' (bin/ and
# obj/Release/ removed, restored beforehand; the compiler server and MSBuild's nodes as a user's build has them), the
# two solutions in turns. The added time per service at N against the added time of one service says whether the cost
# grows linearly.
run_solution() {
  say "## Solution: N services built together, with ClusterReady vs without (issue 19)"
  say
  pack_package
  local size variant i
  local -A added=()
  say "$SOLUTION_RUNS clean builds per solution ('dotnet build -c Release' of the .sln), with and without in turns (in a rotating order). Load average before: $(load)"
  say
  say "| services | without (ms), median | with ClusterReady (ms), median | added (ms) | added per service (ms) | median of run-pair ratios |"
  say "| --- | --- | --- | --- | --- | --- |"
  for size in $SOLUTION_SIZES; do
    for variant in with without; do
      local dir="$work/solution/$variant-$size"
      mkdir -p "$dir"
      for ((i = 1; i <= size; i++)); do
        local name
        name="$(printf 'Svc%02d' "$i")"
        make_copy OrdersApi "$variant" "$dir/$name"
        mv "$dir/$name/OrdersApi.csproj" "$dir/$name/$name.csproj"
      done
      (cd "$dir" && dotnet new sln -n All --format sln >/dev/null && dotnet sln All.sln add ./*/*.csproj >/dev/null)
      dotnet restore "$dir/All.sln" --nologo -v:q >/dev/null
      solution_build_ms "$dir" >/dev/null # warm-up: disk cache, first-run work of the SDK
    done
    local -a w=() wo=() pairs=()
    for ((i = 0; i < SOLUTION_RUNS; i++)); do
      local -A t=()
      for variant in $(rotated "$i" without with); do t[$variant]="$(solution_build_ms "$work/solution/$variant-$size")"; done
      wo+=("${t[without]}")
      w+=("${t[with]}")
      pairs+=("$(ratio "${w[-1]}" "${wo[-1]}")")
    done
    local mw mwo
    mw="$(median "${w[@]}")"
    mwo="$(median "${wo[@]}")"
    added[$size]="$(awk -v a="$mw" -v b="$mwo" 'BEGIN {printf "%.0f", a - b}')"
    say "| $size | $mwo | $mw | ${added[$size]} | $(awk -v a="${added[$size]}" -v n="$size" 'BEGIN {printf "%.0f", a / n}') | $(median "${pairs[@]}")x |"
  done
  say
  local sizes=($SOLUTION_SIZES)
  if ((${#sizes[@]} >= 2)) && [[ "${added[${sizes[0]}]}" != 0 ]]; then
    local small="${sizes[0]}" large="${sizes[-1]}"
    say "Added time per service at $large services / at $small: $(awk -v a="${added[$large]}" -v n="$large" -v b="${added[$small]}" -v m="$small" 'BEGIN {printf "%.3f", (a / n) / (b / m)}')x (goal: <= 1, linear at no more than the single service's cost)."
    say
  fi
  say "Load average after the solution section: $(load)"
  say
}

# Prints the wall time in ms of one clean build of the solution in $1 (every project's bin/ and obj/Release/ removed).
solution_build_ms() {
  local dir="$1"
  rm -rf "${dir:?}"/*/bin "${dir:?}"/*/obj/Release
  local start end
  start=$(now_ns)
  dotnet build "$dir/All.sln" -c Release --no-restore --nologo -v:q >"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; return 1; }
  end=$(now_ns)
  echo $(((end - start) / 1000000))
}

if wants build; then run_build; fi
if wants buildprofile; then run_build_profile; fi
if wants compiler; then run_compiler; fi
if wants compilertrace; then run_compiler_trace; fi
if wants solution; then run_solution; fi
if wants startup || wants throughput || wants sigterm; then
  build_harness
  publish_apps BareWorker ClusterReadyWorker HealthChecksWebApp ClusterReadyWebApp
fi
if wants startup; then run_startup; fi
if wants throughput; then run_throughput; fi
if wants sigterm; then run_sigterm; fi
if wants latency; then run_latency; fi
say "Load average at the end: $(load)"
