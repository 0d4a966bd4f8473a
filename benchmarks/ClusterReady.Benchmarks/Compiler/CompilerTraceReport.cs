using System.Globalization;
using ClusterReady.Benchmarks.Processes;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace ClusterReady.Benchmarks.Compiler;

/// <summary>
/// Issue 19: where ClusterReady's part of a cold compile goes, from EventPipe traces of the compiler process (run.sh's
/// compilertrace section writes them): the sample profiler's stacks, attributed to ClusterReady's code by its frames,
/// and the JIT events, compared with the same compile without ClusterReady's analyzer assemblies.
/// </summary>
/// <remarks>
/// A sample is one managed thread's stack, taken once a millisecond whether the thread runs or waits, so a count of
/// samples is milliseconds of thread time. Samples whose stack holds a ClusterReady frame are ClusterReady's work and
/// what it calls (Roslyn's symbol lookups, the JIT and type loads it triggers); ClusterReady's frames never wait. The
/// compile's total is not attributed: its idle threads make most of the samples.
/// </remarks>
internal static class CompilerTraceReport
{
    private const string OwnModulePrefix = "ClusterReady";
    private const string GeneratorSetUp = "the generator's pipeline set-up (`Initialize`)";
    private const string AddSource = "its `AddSource` (Roslyn's check of the hint name; the first call in a compile pays its set-up)";
    private const string GeneratorSteps = "the generator's steps (reading the declaration, writing the metadata)";
    private const string Analyzers = "the analyzers (the rulebook, the app-code checks)";
    private const string AnySetUp = "every generator's set-up (`Initialize`), all generators";
    private const string AnyAddSource = "every `AddSource`, all generators";

    public static int Run(string folder, int runs, string with, string without, TextWriter output)
    {
        var measured = Enumerable.Range(0, runs).Select(i => Read(folder, with, i)).ToList();
        var baseline = Enumerable.Range(0, runs).Select(i => Read(folder, without, i)).ToList();

        output.WriteLine($"{runs} traced cold compiles per variant, in turns; means per compile but the wall time (median). Samples: milliseconds of thread time.");
        output.WriteLine();
        output.WriteLine("| what | with ClusterReady | without | difference |");
        output.WriteLine("| --- | --- | --- | --- |");
        double measuredWall = Statistics.Median(measured.Select(t => (double)t.WallMs).ToList()), baselineWall = Statistics.Median(baseline.Select(t => (double)t.WallMs).ToList());
        output.WriteLine($"| wall time of the traced compile (ms) | {measuredWall:0} | {baselineWall:0} | {measuredWall - baselineWall:+0;-0;0} |");
        output.WriteLine($"| samples in ClusterReady's code | {Mean(measured, t => t.Own.Values.Sum()):0.0} | - | |");
        foreach (var part in new[] { GeneratorSetUp, AddSource, GeneratorSteps, Analyzers })
        {
            output.WriteLine($"| - {part} | {Mean(measured, t => t.Own.GetValueOrDefault(part)):0.0} | - | |");
        }

        Compare(AnySetUp, t => t.Shared.GetValueOrDefault(AnySetUp));
        Compare(AnyAddSource, t => t.Shared.GetValueOrDefault(AnyAddSource));
        Compare("JIT-compiled methods", t => t.Jit.Count);
        Compare("their JIT time (ms, each method's start to end on its thread)", t => t.Jit.Values.Sum());

        // The methods JIT-compiled in a compile with ClusterReady and in none without it, and the other way round.
        var everyBaselineMethod = baseline.SelectMany(t => t.Jit.Keys).ToHashSet(StringComparer.Ordinal);
        var everyMeasuredMethod = measured.SelectMany(t => t.Jit.Keys).ToHashSet(StringComparer.Ordinal);
        var added = measured.Select(t => t.Jit.Where(m => !everyBaselineMethod.Contains(m.Key)).ToList()).ToList();
        var gone = baseline.Select(t => t.Jit.Where(m => !everyMeasuredMethod.Contains(m.Key)).ToList()).ToList();
        output.WriteLine($"| methods JIT-compiled only with ClusterReady: count, JIT time (ms) | {added.Average(a => a.Count):0.0}, {added.Average(a => a.Sum(m => m.Value)):0.0} | | |");
        output.WriteLine($"| methods JIT-compiled only without it: count, JIT time (ms) | | {gone.Average(a => a.Count):0.0}, {gone.Average(a => a.Sum(m => m.Value)):0.0} | |");
        output.WriteLine();

        output.WriteLine("The methods JIT-compiled only with ClusterReady that took the longest (mean JIT time where compiled, ms):");
        output.WriteLine();
        foreach (var (name, ms) in added.SelectMany(a => a)
            .GroupBy(m => m.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, Ms: g.Average(m => m.Value)))
            .OrderByDescending(m => m.Ms)
            .Take(12))
        {
            output.WriteLine($"- {ms.ToString("0.00", CultureInfo.InvariantCulture)} `{(name.Length > 160 ? name[..160] + "..." : name)}`");
        }

        return 0;

        void Compare(string what, Func<Trace, double> figure)
        {
            var a = Mean(measured, figure);
            var b = Mean(baseline, figure);
            output.WriteLine($"| {what} | {a:0.0} | {b:0.0} | {a - b:+0.0;-0.0;0.0} |");
        }
    }

    private static double Mean(List<Trace> traces, Func<Trace, double> figure) => traces.Average(figure);

    private sealed record Trace(long WallMs, Dictionary<string, int> Own, Dictionary<string, int> Shared, Dictionary<string, double> Jit);

    private static Trace Read(string folder, string variant, int run)
    {
        var path = Path.Combine(folder, $"trace-{variant}-{run}.nettrace");
        var wallMs = long.Parse(File.ReadAllText(Path.Combine(folder, $"trace-{variant}-{run}.ms")).Trim(), CultureInfo.InvariantCulture);
        var trace = new Trace(wallMs, [], [], JitTimes(path));
        AttributeSamples(path, trace);
        return trace;
    }

    // Each method's JIT time: from MethodJittingStarted to its MethodLoadVerbose (the JIT runs on the calling thread).
    private static Dictionary<string, double> JitTimes(string path)
    {
        var started = new Dictionary<long, (double At, string Name)>();
        var times = new Dictionary<string, double>(StringComparer.Ordinal);
        using var source = new EventPipeEventSource(path);
        source.Clr.MethodJittingStarted += e => started[e.MethodID] = (e.TimeStampRelativeMSec, e.MethodNamespace + "::" + e.MethodName);
        source.Clr.MethodLoadVerbose += e =>
        {
            if (started.Remove(e.MethodID, out var start))
            {
                times[start.Name] = times.GetValueOrDefault(start.Name) + (e.TimeStampRelativeMSec - start.At);
            }
        };
        source.Process();
        return times;
    }

    private static void AttributeSamples(string path, Trace trace)
    {
        var etlx = TraceLog.CreateFromEventPipeDataFile(path);
        try
        {
            using var log = new TraceLog(etlx);
            var frames = new List<(string Module, string Method)>();
            foreach (var sample in log.Events)
            {
                if (sample.ProviderName != "Microsoft-DotNETCore-SampleProfiler" || sample.CallStack() is not { } stack)
                {
                    continue;
                }

                frames.Clear();
                for (var frame = stack; frame is not null; frame = frame.Caller)
                {
                    frames.Add((frame.CodeAddress.ModuleName ?? "", frame.CodeAddress.FullMethodName ?? ""));
                }

                var addsSource = frames.Exists(f => f.Method.Contains("AdditionalSourcesCollection.Add", StringComparison.Ordinal));
                if (addsSource)
                {
                    Increment(trace.Shared, AnyAddSource);
                }

                if (frames.Exists(f => f.Method.Contains(".Initialize(value class Microsoft.CodeAnalysis.IncrementalGeneratorInitializationContext", StringComparison.Ordinal)))
                {
                    Increment(trace.Shared, AnySetUp);
                }

                // The outermost ClusterReady frame says which part of ClusterReady the sample belongs to.
                var outermost = frames.FindLastIndex(f => f.Module.StartsWith(OwnModulePrefix, StringComparison.Ordinal));
                if (outermost < 0)
                {
                    continue;
                }

                var entry = frames[outermost].Method;
                Increment(trace.Own,
                    addsSource ? AddSource
                    : entry.Contains("DeploymentModelGenerator.Initialize(", StringComparison.Ordinal) ? GeneratorSetUp
                    : entry.StartsWith("ClusterReady.Generators.Analyzers.", StringComparison.Ordinal) ? Analyzers
                    : GeneratorSteps);
            }
        }
        finally
        {
            File.Delete(etlx);
        }
    }

    private static void Increment(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
