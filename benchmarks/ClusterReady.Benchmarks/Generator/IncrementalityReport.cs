using System.Globalization;
using ClusterReady.Generators;
using Microsoft.CodeAnalysis;

namespace ClusterReady.Benchmarks.Generator;

/// <summary>
/// Prints how much of each generator's pipeline is reused after an edit: the share of tracked step outputs that are
/// Cached or Unchanged. Not a benchmark: it counts, it does not time.
/// </summary>
internal static class IncrementalityReport
{
    /// <summary>ClusterReady's own steps (<see cref="TrackingNames"/>), the ones the goal is about.</summary>
    private static readonly HashSet<string> OwnSteps = typeof(TrackingNames).GetFields()
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    private sealed record Edit(string Name, bool Unrelated, Func<SyntheticProject, Compilation, Compilation> Apply);

    private static readonly Edit[] Edits =
    [
        new("a method body in another file", true, (p, c) => p.WithUnrelatedEdit(c, p.UnrelatedEdit())),
        new("a new file", true, (_, c) => c.AddSyntaxTrees(SyntheticProject.NewFile())),
        new("the generator's input (control)", false, (p, c) => c.ReplaceSyntaxTree(p.Trees[^1], p.RelatedEdit())),
    ];

    /// <returns>0 when every unrelated edit left all of ClusterReady's steps Cached or Unchanged, else 1.</returns>
    public static int Run(TextWriter output)
    {
        output.WriteLine($"Incrementality on a {SyntheticProject.FileCount}-file compilation: share of tracked step outputs that were Cached or Unchanged after the edit.");
        output.WriteLine();
        output.WriteLine("| generator | edit | own steps (a) | all steps the driver reports (b) | source output |");
        output.WriteLine("| --- | --- | --- | --- | --- |");
        var allReused = true;
        var breakdown = new List<string>();
        foreach (var subject in new[] { GeneratorSubject.ClusterReady, GeneratorSubject.LoggerMessage })
        {
            var project = SyntheticProject.Create(subject);
            var compilation = project.Compile();
            var driver = Generators.CreateDriver(subject, trackSteps: true).RunGenerators(compilation);
            foreach (var edit in Edits)
            {
                var result = driver.RunGenerators(edit.Apply(project, compilation)).GetRunResult().Results.Single();
                if (result.Exception is { } exception)
                {
                    throw new InvalidOperationException($"The {subject} generator failed.", exception);
                }

                var own = subject == GeneratorSubject.ClusterReady
                    ? Count(result.TrackedSteps.Where(s => OwnSteps.Contains(s.Key)))
                    : null;
                var all = Count(result.TrackedSteps);
                var sourceOutput = Count(result.TrackedOutputSteps);
                output.WriteLine($"| {subject} | {edit.Name} | {own?.ToString() ?? "n/a (no tracking names)"} | {all} | {sourceOutput} |");

                if (subject == GeneratorSubject.ClusterReady)
                {
                    if (edit.Unrelated && !(own!.AllReused && sourceOutput.AllReused))
                    {
                        allReused = false;
                    }

                    breakdown.Add($"  {edit.Name}: " + string.Join(", ", result.TrackedSteps
                        .Where(s => OwnSteps.Contains(s.Key))
                        .OrderBy(s => s.Key, StringComparer.Ordinal)
                        .Select(s => $"{s.Key}={string.Join("/", s.Value.SelectMany(r => r.Outputs).Select(o => o.Reason))}")));
                }
            }
        }

        output.WriteLine();
        output.WriteLine("(a) the steps named in ClusterReady's TrackingNames. (b) every step the driver reports, including Roslyn's own input");
        output.WriteLine("    nodes and ForAttributeWithMetadataName's internal steps: the Compilation input is new after any edit, so those");
        output.WriteLine("    are Modified by design and (b) cannot reach 100% for any generator.");
        output.WriteLine();
        output.WriteLine("ClusterReady's steps, per edit:");
        breakdown.ForEach(output.WriteLine);
        output.WriteLine();
        output.WriteLine(allReused
            ? "Every unrelated edit left 100% of ClusterReady's steps Cached or Unchanged."
            : "An unrelated edit re-ran some of ClusterReady's steps (see above).");
        return allReused ? 0 : 1;
    }

    private static Counts Count(IEnumerable<KeyValuePair<string, System.Collections.Immutable.ImmutableArray<IncrementalGeneratorRunStep>>> steps)
    {
        var outputs = steps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        return new Counts(outputs.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged), outputs.Count);
    }

    private sealed record Counts(int Reused, int Total)
    {
        public bool AllReused => Reused == Total;

        public override string ToString() => Total == 0
            ? "no outputs"
            : string.Create(CultureInfo.InvariantCulture, $"{100.0 * Reused / Total:0.#}% ({Reused}/{Total})");
    }
}
