"""Summarizes the cold compiles of run.sh's compiler section (issue 19).

Usage: python3 compiler_report.py <dir> <runs> <variant>...
Reads <dir>/<variant>-<i>.out (the compiler's /reportanalyzer output) and <dir>/<variant>-<i>.ms (wall time) and prints
markdown tables: per variant the medians of the compiler's wall time, its generator and analyzer totals, the two
first-touch generators (benchmarks/apps/FirstTouchGenerators) where they ran, ClusterReady's generator and analyzers,
and the SDK's ValidationsGenerator and Razor generator; then run-pair ratios of wall time against the variant without
ClusterReady's assemblies ('probes-without' for the 'probes' variants).
"""
import re
import statistics
import sys

GENERATORS = {
    "ClusterReady": "ClusterReady.Generators.DeploymentModelGenerator",
    "Validations": "Microsoft.Extensions.Validation.ValidationsGenerator",
    "Razor": "Microsoft.NET.Sdk.Razor.SourceGenerators.RazorSourceGenerator",
    "TypeLookup": "FirstTouchGenerators.TypeLookupGenerator",
    "AttributeLookup": "FirstTouchGenerators.AttributeLookupGenerator",
}


def parse(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    figures = {}
    analyzers_at = text.find("Total analyzer execution time")
    generators_at = text.find("Total generator execution time")
    if analyzers_at < 0 or generators_at < 0:
        raise SystemExit(f"{path}: no /reportanalyzer output (did the compile fail?)")
    figures["analyzers"] = float(re.search(r"Total analyzer execution time: ([\d.]+)", text).group(1))
    figures["generators"] = float(re.search(r"Total generator execution time: ([\d.]+)", text).group(1))
    analyzer_part = text[analyzers_at:generators_at] if analyzers_at < generators_at else text[analyzers_at:]
    generator_part = text[generators_at:analyzers_at] if generators_at < analyzers_at else text[generators_at:]
    assembly = re.search(r"^\s*<?([\d.]+)\s+\S+\s+ClusterReady\.Generators, Version", analyzer_part, re.M)
    figures["ClusterReady analyzers"] = float(assembly.group(1)) if assembly else 0.0
    for name, full in GENERATORS.items():
        line = re.search(r"^\s*<?([\d.]+)\s+\S+\s+" + re.escape(full) + r"\s*$", generator_part, re.M)
        if line:
            figures[name] = float(line.group(1))
    if "TypeLookup" in figures and "AttributeLookup" in figures:
        figures["first touch"] = figures.pop("TypeLookup") + figures.pop("AttributeLookup")
    return figures


def main():
    folder, runs, variants = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    wall = {v: [int(open(f"{folder}/{v}-{i}.ms").read()) for i in range(runs)] for v in variants}
    reports = {v: [parse(f"{folder}/{v}-{i}.out") for i in range(runs)] for v in variants}
    columns = ["first touch", "ClusterReady", "Validations", "Razor", "generators", "ClusterReady analyzers", "analyzers"]
    print("| variant | csc wall (ms) | first-touch generators (s) | ClusterReady generator (s) | ValidationsGenerator (s) | Razor generator (s) | all generators (s) | ClusterReady analyzers (s) | all analyzers (s) | ClusterReady's share of analyzer time |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for v in variants:
        cells = []
        for c in columns:
            values = [r[c] for r in reports[v] if c in r]
            cells.append(f"{statistics.median(values):.3f}" if values else "-")
        share = statistics.median([r["ClusterReady analyzers"] / r["analyzers"] for r in reports[v] if r["analyzers"] > 0])
        print(f"| {v} | {statistics.median(wall[v]):.0f} | " + " | ".join(cells) + f" | {share:.1%} |")
    print()
    if "without" in wall:
        print("| ratio (median of run pairs) | value |")
        print("| --- | --- |")
        for v in variants:
            if v != "without":
                base = "probes-without" if v.startswith("probes") and "probes-without" in wall and v != "probes-without" else "without"
                ratio = statistics.median([a / b for a, b in zip(wall[v], wall[base])])
                print(f"| csc wall, {v} / {base} | {ratio:.3f}x |")
        for v in variants:
            if all("ClusterReady" in r and "Validations" in r for r in reports[v]):
                ratio = statistics.median([r["ClusterReady"] / r["Validations"] for r in reports[v]])
                print(f"| ClusterReady generator / ValidationsGenerator, {v} | {ratio:.3f}x |")
        for v in variants:
            if v not in ("without", "probes-without"):
                base = "probes-without" if v.startswith("probes") and "probes-without" in reports else "without"
                added = statistics.median([a["generators"] - b["generators"] for a, b in zip(reports[v], reports[base])])
                print(f"| all generators' time added, {v} - {base} (s) | {added:+.3f} |")


if __name__ == "__main__":
    main()
