"""Medians of run-pair ratios with 95% bootstrap intervals, for the build benchmark (issue 19).

Usage:
  python3 build_rounds.py ci <ratio>...       the median of the numbers and its interval: "1.0435x (1.018-1.068)"
  python3 build_rounds.py pool <tsv>...        every variant against the app without ClusterReady (and ClusterReady
                                               against the floor), clean and unchanged, over all turns of the rounds
                                               given: the build-<app>.tsv files run.sh writes (turn, place, variant,
                                               publish, ms), one per round, for a figure several rounds resolve better

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


def pool(paths):
    turns = collections.defaultdict(dict)
    for path in paths:
        with open(path, encoding="utf-8") as file:
            for row in csv.DictReader(file, delimiter="\t"):
                turns[(path, row["publish"], row["turn"])][row["variant"]] = int(row["ms"])
    print(f"{len(paths)} round(s) pooled; median of run-pair ratios (95% interval), turns")
    for publish in ("clean", "unchanged"):
        rows = [walls for (_, kind, _), walls in sorted(turns.items()) if kind == publish]
        pairs = [("with", "without"), ("il", "without"), ("before", "without"), ("floor", "without"),
                 ("control", "without"), ("with", "floor")]
        for variant, baseline in pairs:
            ratios = [walls[variant] / walls[baseline] for walls in rows if variant in walls and baseline in walls]
            if ratios:
                print(f"- {publish}, {variant} / {baseline}: {median_ci(ratios)}, {len(ratios)}")


def main(args):
    if len(args) >= 2 and args[0] == "ci":
        print(median_ci([float(value) for value in args[1:]]))
    elif len(args) >= 2 and args[0] == "pool":
        pool(args[1:])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
