#!/usr/bin/env bash
# Whole-process benchmarks of ClusterReady, each against a baseline measured in the same run, printed as tables of
# ratios (docs/benchmarks.md explains them and holds the latest results).
#
# Usage: bash benchmarks/run.sh [all|build|startup|throughput|sigterm]...      (default: all)
# Knobs (environment): BUILD_RUNS=5  STARTUP_RUNS=10  WRK_ROUNDS=3  WRK_DURATION=10s  WRK_THREADS=2
#                      WRK_CONNECTIONS=32  SIGTERM_RUNS=10  PORT_BASE=18081
#                      KEEP_WORK=1 keeps the temporary folder (sample copies, feed) and the package in the NuGet cache
#                      STARTUP_BEFORE=<git revision>: the start-up section also packs that revision and starts the
#                      ClusterReady worker built against it in the same turns (a change against its baseline)
#                      BUILD_BEFORE=<git revision>: the build section also publishes the samples against a package
#                      packed from that revision, in the same turns (one revision for both knobs)
#                      STARTUP_ENV="NAME=VALUE ...": environment for every app the start-up section starts (a runtime
#                      setting to compare, e.g. DOTNET_EnableWriteXorExecute=0)
# Needs: the .NET 10 SDK; wrk for the throughput part (Debian: apt-get install -y wrk).
# Everything listens on and is called at 127.0.0.1 only. Results are also written to artifacts/benchmarks/results.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/artifacts/benchmarks"
apps_out="$out/apps"
harness="$root/benchmarks/ClusterReady.Benchmarks/bin/Release/net10.0/ClusterReady.Benchmarks.dll"
results="$out/results.md"

BUILD_RUNS="${BUILD_RUNS:-5}"
STARTUP_RUNS="${STARTUP_RUNS:-10}"
WRK_ROUNDS="${WRK_ROUNDS:-3}"
WRK_DURATION="${WRK_DURATION:-10s}"
WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
SIGTERM_RUNS="${SIGTERM_RUNS:-10}"
STARTUP_BEFORE="${STARTUP_BEFORE:-}"
STARTUP_ENV="${STARTUP_ENV:-}"
BUILD_BEFORE="${BUILD_BEFORE:-}"
PORT_BASE="${PORT_BASE:-18081}"

sections=("$@")
[[ ${#sections[@]} -eq 0 ]] && sections=(all)
wants() { [[ " ${sections[*]} " == *" all "* || " ${sections[*]} " == *" $1 "* ]]; }

mkdir -p "$out"
work="$(mktemp -d "${TMPDIR:-/tmp}/clusterready-bench.XXXXXX")"
bench_version=""
before_version=""
app_pid=""
app_url=""
cleanup() {
  if [[ -n "$app_pid" ]]; then kill -KILL "$app_pid" 2>/dev/null || true; fi
  if [[ "${KEEP_WORK:-0}" == 1 ]]; then
    echo "kept: $work (package version $bench_version)"
    return 0
  fi
  if [[ -d "$work/before" ]]; then git -C "$root" worktree remove --force "$work/before" || true; fi
  rm -rf "$work"
  # The bench package versions are unique to this run: drop them from the NuGet cache again.
  [[ -n "$bench_version" ]] && rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/clusterready/$bench_version"
  [[ -n "$before_version" ]] && rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/clusterready/$before_version"
  return 0
}
trap cleanup EXIT

exec > >(tee "$results") 2>&1

say() { printf '%s\n' "$*"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
now_ns() { date +%s%N; }
# median of the numbers given as arguments
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
minimum() { printf '%s\n' "$@" | sort -g | head -1; }
maximum() { printf '%s\n' "$@" | sort -g | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a/b}'; }

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
# nothing of ClusterReady imported.
make_copy() {
  local sample="$1" variant="$2" dir="$3"
  mkdir -p "$dir"
  (cd "$root/samples/$sample" && find . -maxdepth 1 -type f \( -name '*.cs' -o -name '*.json' -o -name '*.csproj' \) -exec cp {} "$dir/" \;)
  local sdk version
  sdk="$(sed -n 's/.*<Project Sdk="\([^"]*\)".*/\1/p' "$dir/$sample.csproj")"
  version="$(sed -n 's/.*<Version>\(.*\)<\/Version>.*/\1/p' "$dir/$sample.csproj")"
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
    sed -i '/AddClusterReady/d' "$dir/Program.cs"
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

# Prints the wall time in ms of one clean publish (bin/ and obj/Release/ removed; restored beforehand).
# Further arguments go to dotnet publish.
clean_publish_ms() {
  local dir="$1"
  shift
  rm -rf "${dir:?}/bin" "${dir:?}/obj/Release"
  local start end
  start=$(now_ns)
  dotnet publish "$dir" -c Release --no-restore --nologo -v:q "$@" >"$dir/publish.log" 2>&1 || { cat "$dir/publish.log" >&2; return 1; }
  end=$(now_ns)
  echo $(((end - start) / 1000000))
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
  say "$BUILD_RUNS runs per variant, with and"
  say "without interleaved (so that load from other processes hits both alike). Clean: bin/ and obj/Release/ removed before"
  say "each run, packages restored once beforehand. Unchanged: the same publish again with nothing changed. Generator as IL:"
  say "the clean publish with ClusterReadyUsePrecompiledGenerator=false, in the same turns (the package's generator without"
  say "its ReadyToRun code, as the compiler gets it on other platforms)."
  [[ -n "$BUILD_BEFORE" ]] && say "Package at $before_revision: the clean publish against the package packed from BUILD_BEFORE, in the same turns."
  say
  say "| sample | publish | without (ms), median (min-max) | with ClusterReady (ms) | ratio of medians | median of run-pair ratios |"
  say "| --- | --- | --- | --- | --- | --- |"
  local sample compare_before=0 notes=()
  [[ -n "$BUILD_BEFORE" ]] && compare_before=1
  for sample in InventoryWorker OrdersApi; do
    local with="$work/build/$sample-with/$sample" without="$work/build/$sample-without/$sample" before="$work/build/$sample-before/$sample"
    local -a dirs=("$with" "$without")
    make_copy "$sample" with "$with"
    make_copy "$sample" without "$without"
    if ((compare_before)); then
      make_copy "$sample" before "$before"
      dirs+=("$before")
    fi
    for dir in "${dirs[@]}"; do
      dotnet restore "$dir" --nologo -v:q >/dev/null
      clean_publish_ms "$dir" >/dev/null # warm-up: disk cache, first-run work of the SDK
    done

    local -a w=() wo=() pairs=() uw=() uwo=() upairs=() il=() ilpairs=() bf=() bfpairs=() changes=()
    for ((i = 0; i < BUILD_RUNS; i++)); do
      local a b c d
      # The IL-generator publish before the plain one, so that the unchanged publish below follows the plain one.
      a=$(clean_publish_ms "$without"); c=$(clean_publish_ms "$with" -p:ClusterReadyUsePrecompiledGenerator=false)
      if ((compare_before)); then d=$(clean_publish_ms "$before"); bf+=("$d"); bfpairs+=("$(ratio "$d" "$a")"); fi
      b=$(clean_publish_ms "$with")
      ((compare_before)) && changes+=("$((b - d))")
      wo+=("$a"); w+=("$b"); pairs+=("$(ratio "$b" "$a")"); il+=("$c"); ilpairs+=("$(ratio "$c" "$a")")
      a=$(unchanged_publish_ms "$without"); b=$(unchanged_publish_ms "$with")
      uwo+=("$a"); uw+=("$b"); upairs+=("$(ratio "$b" "$a")")
    done
    say "| $sample | clean | $(median "${wo[@]}") ($(minimum "${wo[@]}")-$(maximum "${wo[@]}")) | $(median "${w[@]}") ($(minimum "${w[@]}")-$(maximum "${w[@]}")) | $(ratio "$(median "${w[@]}")" "$(median "${wo[@]}")")x | $(median "${pairs[@]}")x |"
    say "| $sample | clean, generator as IL | $(median "${wo[@]}") | $(median "${il[@]}") ($(minimum "${il[@]}")-$(maximum "${il[@]}")) | $(ratio "$(median "${il[@]}")" "$(median "${wo[@]}")")x | $(median "${ilpairs[@]}")x |"
    if ((compare_before)); then
      say "| $sample | clean, package at $before_revision | $(median "${wo[@]}") | $(median "${bf[@]}") ($(minimum "${bf[@]}")-$(maximum "${bf[@]}")) | $(ratio "$(median "${bf[@]}")" "$(median "${wo[@]}")")x | $(median "${bfpairs[@]}")x |"
      local faster=0 change
      for change in "${changes[@]}"; do ((change < 0)) && faster=$((faster + 1)); done
      notes+=("- $sample, clean publish, this tree minus the package at $before_revision, paired in each turn: median $(median "${changes[@]}") ms, this tree faster in $faster of ${#changes[@]} turns.")
    fi
    say "| $sample | unchanged | $(median "${uwo[@]}") ($(minimum "${uwo[@]}")-$(maximum "${uwo[@]}")) | $(median "${uw[@]}") ($(minimum "${uw[@]}")-$(maximum "${uw[@]}")) | $(ratio "$(median "${uw[@]}")" "$(median "${uwo[@]}")")x | $(median "${upairs[@]}")x |"
  done
  say
  if ((${#notes[@]} > 0)); then
    printf '%s\n' "${notes[@]}"
    say
  fi
  say "Time on MSBuild's thread in ClusterReady's targets (-clp:PerformanceSummary; 5 clean publishes each, median):"
  say
  local variant
  for sample in InventoryWorker OrdersApi; do
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
  say "Unchanged second publish does no artifact work (InventoryWorker and OrdersApi with ClusterReady, 'dotnet publish -v:n'):"
  say
  for sample in InventoryWorker OrdersApi; do
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
  local dir="$work/build/OrdersApi-with/OrdersApi" log which="the IL tool (dotnet tools/net10.0/ClusterReady.Tool.dll)"
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

if wants build; then run_build; fi
if wants startup || wants throughput || wants sigterm; then
  build_harness
  publish_apps BareWorker ClusterReadyWorker HealthChecksWebApp ClusterReadyWebApp
fi
if wants startup; then run_startup; fi
if wants throughput; then run_throughput; fi
if wants sigterm; then run_sigterm; fi
say "Load average at the end: $(load)"
