"""Medians of run-pair ratios with 95% bootstrap intervals, for the build benchmark (issue 19).

Usage:
  python3 build_rounds.py ci <ratio>...        the median of the numbers and its interval: "1.0435x (1.018-1.068)"
  python3 build_rounds.py table <app> <tsv> [<before revision>]
                                               the build section's table rows for one round of one app
  python3 build_rounds.py notes <app> <tsv> [<before revision>]
                                               the lines under the table: the change against the package at the
                                               before revision, ClusterReady against the floor, and split into
                                               its build step and the rest (BUILD_SPLIT)
  python3 build_rounds.py pool <tsv>...        every variant against the app without ClusterReady (and ClusterReady
                                               against the floor), clean and unchanged, over all turns of the rounds
                                               given, for a figure several rounds resolve better

A <tsv> is the build-<app>-<date>.tsv file run.sh writes for a round: a line per publish (turn, place in the turn,
variant, clean or unchanged, ms).

The interval comes from 2,000 bootstrap resamples of the ratios, with a fixed seed, so that the same walls always print
the same interval. Run-pair ratios here spread with a standard deviation of about 0.08, so 40 turns give about 2.5
points either way and 80 about 1.5 (docs/benchmarks.md, "What a round resolves").
"""
import collections
import csv
import random
import statistics
import sys

RESAMPLES = 2000


def median_ci(values):
    rng = random.Random(19)
    medians = sorted(statistics.median(rng.choices(values, k=len(values))) for _ in range(RESAMPLES))
    low, high = medians[int(RESAMPLES * 0.025)], medians[int(RESAMPLES * 0.975) - 1]
    return f"{statistics.median(values):.4f}x ({low:.3f}-{high:.3f})"


# Every comparison the build section makes: a variant's publish against another's in the same turn.
PAIRS = [("with", "without"), ("il", "without"), ("before", "without"), ("floor", "without"), ("control", "without"),
         ("with", "floor"), ("nostep", "without"), ("nostep", "floor"), ("with", "nostep")]


def figures_of(paths, publish, column="ms"):
    """Each turn's figures of the rounds given, {(path, turn): {variant: ms}}, for clean or unchanged publishes: the
    walls, or with column="tail_ms" the clean publishes' tails (rounds since 2026-12-07 17:50 only)."""
    turns = collections.defaultdict(dict)
    for path in paths:
        with open(path, encoding="utf-8") as file:
            for row in csv.DictReader(file, delimiter="\t"):
                if row["publish"] == publish and row.get(column):
                    turns[(path, int(row["turn"]))][row["variant"]] = int(row[column])
    return turns


def turns_of(paths, publish):
    """The walls of each turn of the rounds given, {variant: ms}, for clean or unchanged publishes, in turn order."""
    return [walls for _, walls in sorted(figures_of(paths, publish).items())]


def pair_ratios(turns, variant, baseline, places=3):
    """Each turn's ratio, by default rounded to three places as the table has always printed them (pool: unrounded)."""
    ratios = [walls[variant] / walls[baseline] for walls in turns if variant in walls and baseline in walls]
    return ratios if places is None else [round(ratio, places) for ratio in ratios]


def number(value):
    return f"{value:g}"


def walls(turns, variant, spread=True):
    values = [walls[variant] for walls in turns]
    text = number(statistics.median(values))
    return f"{text} ({min(values)}-{max(values)})" if spread else text


def row(app, label, turns, variant, baseline_spread):
    ratio = statistics.median(w[variant] for w in turns) / statistics.median(w["without"] for w in turns)
    return (f"| {app} | {label} | {walls(turns, 'without', baseline_spread)} | {walls(turns, variant)} | {ratio:.3f}x | "
            f"{median_ci(pair_ratios(turns, variant, 'without'))} |")


def table(app, path, before):
    clean, unchanged = turns_of([path], "clean"), turns_of([path], "unchanged")
    print(row(app, "clean", clean, "with", True))
    print(row(app, "clean, generator as IL", clean, "il", False))
    if "before" in clean[0]:
        print(row(app, f"clean, package at {before}", clean, "before", False))
    print(row(app, "unchanged", unchanged, "with", True))
    if "floor" in clean[0]:
        print(row(app, "clean, one-assembly package instead", clean, "floor", False))
        print(row(app, "unchanged, one-assembly package instead", unchanged, "floor", False))
    if "nostep" in clean[0]:
        print(row(app, "clean, ClusterReady with its build step off", clean, "nostep", False))
    if "control" in clean[0]:
        print(row(app, "clean, the same app without it again (A/A control)", clean, "control", False))
        print(row(app, "unchanged, the same app without it again (A/A control)", unchanged, "control", False))


def notes(app, path, before):
    clean, unchanged = turns_of([path], "clean"), turns_of([path], "unchanged")
    if "before" in clean[0]:
        changes = [w["with"] - w["before"] for w in clean]
        faster = sum(1 for change in changes if change < 0)
        print(f"- {app}, clean publish, this tree minus the package at {before}, paired in each turn: median "
              f"{number(statistics.median(changes))} ms, this tree faster in {faster} of {len(changes)} turns.")
    if "floor" in clean[0]:
        print(f"- {app}, ClusterReady against the one-assembly package, median of run-pair ratios: clean "
              f"{median_ci(pair_ratios(clean, 'with', 'floor'))}, unchanged {median_ci(pair_ratios(unchanged, 'with', 'floor'))}.")
    if "nostep" in clean[0]:
        line = (f"- {app}, clean publish, ClusterReady split (median of run-pair ratios): the build step (with it over "
                f"without it) {median_ci(pair_ratios(clean, 'with', 'nostep'))}; the rest, its build step off over the "
                f"app without ClusterReady, {median_ci(pair_ratios(clean, 'nostep', 'without'))}")
        if "floor" in clean[0]:
            line += f", over the one-assembly package {median_ci(pair_ratios(clean, 'nostep', 'floor'))}"
        print(line + ".")
    tails(app, [path])


def tails(app, paths):
    """Where in the clean publish the added time falls: the tail (from the compiler's writing the assembly to the
    publish's end: the build step, the copies, the publish) as median per-turn differences in ms, the rest (the
    head: evaluation, package assets, references and the compile) as ratios."""
    walls, tails_of = figures_of(paths, "clean"), figures_of(paths, "clean", "tail_ms")
    turns = sorted(tails_of)
    if not turns:
        return
    ends = [tails_of[turn] for turn in turns]
    heads = [{variant: walls[turn][variant] - end[variant] for variant in end} for turn, end in zip(turns, ends)]
    parts = []
    for variant, baseline in PAIRS:
        differences = [end[variant] - end[baseline] for end in ends if variant in end and baseline in end]
        if differences and variant not in ("il", "control"):
            parts.append(f"{variant} - {baseline} {number(statistics.median(differences))} ms (head "
                         f"{median_ci(pair_ratios(heads, variant, baseline, places=None))})")
    print(f"- {app}, clean publish, tail (the compiled assembly written to the publish's end), median of per-turn "
          f"differences; head (the rest) as run-pair ratios: " + "; ".join(parts) + ".")


def pool(paths):
    print(f"{len(paths)} round(s) pooled; median of run-pair ratios (95% interval), turns")
    for publish in ("clean", "unchanged"):
        turns = turns_of(paths, publish)
        for variant, baseline in PAIRS:
            ratios = pair_ratios(turns, variant, baseline, places=None)
            if ratios:
                print(f"- {publish}, {variant} / {baseline}: {median_ci(ratios)}, {len(ratios)}")
    tails("the rounds", paths)


def main(args):
    if len(args) >= 2 and args[0] == "ci":
        print(median_ci([float(value) for value in args[1:]]))
    elif len(args) in (3, 4) and args[0] in ("table", "notes"):
        (table if args[0] == "table" else notes)(args[1], args[2], args[3] if len(args) == 4 else "")
    elif len(args) >= 2 and args[0] == "pool":
        pool(args[1:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
