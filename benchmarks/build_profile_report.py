"""Compares MSBuild's performance summaries of publishes with and without ClusterReady (issue 19).

Usage: python3 build_profile_report.py [--baseline <variant>] [--variant <variant>] <dir> <runs> <kind>...
Reads <dir>/<kind>-<variant>-<i>.log (a 'dotnet publish -clp:PerformanceSummary' log) and <dir>/<kind>-<variant>-<i>.ms
(its wall time) for the variant ('with' unless --variant names another, e.g. 'floor': the app with a package of one
runtime assembly instead) and the baseline ('without' unless --baseline names another, e.g. 'before': the package of
an earlier revision, or 'floor'), and prints per kind the median wall times and, for targets and tasks, the medians of
both, their difference and the median of the per-turn differences (largest first): where the added time of a publish
goes on MSBuild's own thread. The target figures are MSBuild's exclusive times (a target's tasks, not the targets it
depends on).
"""
import re
import statistics
import sys

LINE = re.compile(r"^\s+(\d+) ms\s+(\S+)\s+(\d+) calls")


def summary(path):
    """The target and task tables of one log: {name: ms}."""
    targets, tasks, table = {}, {}, None
    for line in open(path, encoding="utf-8", errors="replace"):
        if line.startswith("Target Performance Summary"):
            table = targets
        elif line.startswith("Task Performance Summary"):
            table = tasks
        elif table is not None:
            match = LINE.match(line)
            if match:
                table[match.group(2)] = table.get(match.group(2), 0) + int(match.group(1))
            elif line.strip() and not line.startswith(" "):
                table = None
    return targets, tasks


def medians(runs):
    names = set().union(*runs)
    return {name: statistics.median(run.get(name, 0) for run in runs) for name in names}


def main():
    arguments = sys.argv[1:]
    baseline, measured = "without", "with"
    while arguments[:1] in (["--baseline"], ["--variant"]):
        if arguments[0] == "--baseline":
            baseline = arguments[1]
        else:
            measured = arguments[1]
        arguments = arguments[2:]
    folder, runs, kinds = arguments[0], int(arguments[1]), arguments[2:]
    for kind in kinds:
        walls, targets, tasks, per_run_targets, per_run_tasks = {}, {}, {}, {}, {}
        for variant in (baseline, measured):
            logs = [summary(f"{folder}/{kind}-{variant}-{i}.log") for i in range(runs)]
            walls[variant] = [int(open(f"{folder}/{kind}-{variant}-{i}.ms").read()) for i in range(runs)]
            per_run_targets[variant] = [t for t, _ in logs]
            per_run_tasks[variant] = [k for _, k in logs]
            targets[variant] = medians(per_run_targets[variant])
            tasks[variant] = medians(per_run_tasks[variant])
        wall = {variant: statistics.median(times) for variant, times in walls.items()}
        pairs = statistics.median(w / b for w, b in zip(walls[measured], walls[baseline]))
        print(f"### {kind}: wall time, median of {runs}: {baseline} {wall[baseline]:.0f} ms, {measured} {wall[measured]:.0f} ms "
              f"({wall[measured] / wall[baseline]:.3f}x, {wall[measured] - wall[baseline]:+.0f} ms; median of run-pair ratios {pairs:.3f}x)")
        print()
        for label, table, per_run in (("target", targets, per_run_targets), ("task", tasks, per_run_tasks)):
            # Sorted by the median of the per-turn differences, which a slow turn moves less than the medians' difference.
            names = set(table[measured]) | set(table[baseline])
            rows = []
            for name in names:
                difference = table[measured].get(name, 0) - table[baseline].get(name, 0)
                paired = statistics.median(w.get(name, 0) - b.get(name, 0) for w, b in zip(per_run[measured], per_run[baseline]))
                if abs(difference) >= 3 or abs(paired) >= 3:
                    rows.append((paired, difference, name))
            print(f"| {label} | {baseline} (ms) | {measured} (ms) | difference of medians (ms) | median of run-pair differences (ms) |")
            print("| --- | --- | --- | --- | --- |")
            for paired, difference, name in sorted(rows, reverse=True):
                print(f"| {name} | {table[baseline].get(name, 0):.0f} | {table[measured].get(name, 0):.0f} | {difference:+.0f} | {paired:+.1f} |")
            total = sum(table[measured].values()) - sum(table[baseline].values())
            paired_total = statistics.median(sum(w.values()) - sum(b.values()) for w, b in zip(per_run[measured], per_run[baseline]))
            print(f"| (all {label}s) | {sum(table[baseline].values()):.0f} | {sum(table[measured].values()):.0f} | {total:+.0f} | {paired_total:+.1f} |")
            print()


if __name__ == "__main__":
    main()
