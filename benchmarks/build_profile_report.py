"""Compares MSBuild's performance summaries of publishes with and without ClusterReady (issue 19).

Usage: python3 build_profile_report.py <dir> <runs> <kind>...
Reads <dir>/<kind>-<variant>-<i>.log (a 'dotnet publish -clp:PerformanceSummary' log) and <dir>/<kind>-<variant>-<i>.ms
(its wall time) for the variants 'with' and 'without', and prints per kind the median wall times and, for targets and
tasks, the medians of both and their difference, largest differences first: where the added time of a publish goes on
MSBuild's own thread. The target figures are MSBuild's exclusive times (a target's tasks, not the targets it depends on).
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
    folder, runs, kinds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    for kind in kinds:
        walls, targets, tasks = {}, {}, {}
        for variant in ("without", "with"):
            logs = [summary(f"{folder}/{kind}-{variant}-{i}.log") for i in range(runs)]
            walls[variant] = [int(open(f"{folder}/{kind}-{variant}-{i}.ms").read()) for i in range(runs)]
            targets[variant] = medians([t for t, _ in logs])
            tasks[variant] = medians([k for _, k in logs])
        wall = {variant: statistics.median(times) for variant, times in walls.items()}
        pairs = statistics.median(w / wo for w, wo in zip(walls["with"], walls["without"]))
        print(f"### {kind}: wall time, median of {runs}: without {wall['without']:.0f} ms, with {wall['with']:.0f} ms "
              f"({wall['with'] / wall['without']:.3f}x, {wall['with'] - wall['without']:+.0f} ms; median of run-pair ratios {pairs:.3f}x)")
        print()
        for label, table in (("target", targets), ("task", tasks)):
            names = set(table["with"]) | set(table["without"])
            rows = sorted(((table["with"].get(n, 0) - table["without"].get(n, 0), n) for n in names), reverse=True)
            rows = [(d, n) for d, n in rows if abs(d) >= 3]
            print(f"| {label} | without (ms) | with (ms) | difference (ms) |")
            print("| --- | --- | --- | --- |")
            for difference, name in rows:
                print(f"| {name} | {table['without'].get(name, 0):.0f} | {table['with'].get(name, 0):.0f} | {difference:+.0f} |")
            total = sum(table["with"].values()) - sum(table["without"].values())
            print(f"| (all {label}s) | {sum(table['without'].values()):.0f} | {sum(table['with'].values()):.0f} | {total:+.0f} |")
            print()


if __name__ == "__main__":
    main()
