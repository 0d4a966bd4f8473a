using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.Analyzers.Tests;

/// <summary>
/// Runs one analyzer (and optionally a code fix) over C# source that uses the real ClusterReady attributes.
/// Only the rules named in <c>ids</c> are compared, so a test states just the diagnostics it is about; the others
/// the analyzer reports are turned off for that test.
/// </summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>Expects exactly the diagnostics marked in <paramref name="source"/> (<c>{|CR1001:...|}</c>) for the rules <paramref name="ids"/>.</summary>
    public static Task DiagnosticsAsync(string source, params string[] ids) => DiagnosticsAsync(source, web: false, console: false, ids);

    public static Task DiagnosticsAsync(string source, bool web, bool console, params string[] ids)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
        Configure(test, source, web, console, ids);
        return test.RunAsync();
    }

    /// <summary>
    /// Expects exactly <paramref name="expected"/> (placed with <c>{|#0:...|}</c> markup, messages compared when given)
    /// among the rules <paramref name="ids"/>.
    /// </summary>
    public static Task DiagnosticsAsync(string source, bool web, bool console, DiagnosticResult[] expected, params string[] ids)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
        Configure(test, source, web, console, ids);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>As <see cref="DiagnosticsAsync(string, string[])"/>, compiled as an assembly named <paramref name="assemblyName"/>.</summary>
    public static Task DiagnosticsInAssemblyAsync(string assemblyName, string source, params string[] ids)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
        Configure(test, source, web: false, console: false, ids);
        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, assemblyName));
        return test.RunAsync();
    }

    /// <summary>Applies the code fix registered under <paramref name="equivalenceKey"/> (or the first one) and expects <paramref name="fixedSource"/>.</summary>
    public static Task FixAsync<TCodeFix>(string source, string fixedSource, string? equivalenceKey, params string[] ids)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        Configure(test, source, web: false, console: false, ids);
        test.FixedState.AdditionalReferences.AddRange(TestReferences.Console);
        return test.RunAsync();
    }

    private static void Configure(AnalyzerTest<DefaultVerifier> test, string source, bool web, bool console, string[] ids)
    {
        test.TestCode = source;
        test.ReferenceAssemblies = TestReferences.None;
        test.TestState.AdditionalReferences.AddRange(web ? TestReferences.Web : TestReferences.Console);
        if (web || console)
        {
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
        }

        foreach (var descriptor in new TAnalyzer().SupportedDiagnostics)
        {
            if (!ids.Contains(descriptor.Id))
            {
                test.DisabledDiagnostics.Add(descriptor.Id);
            }
        }
    }
}
