using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.Tests;

/// <summary>
/// Runs one analyzer over C# source that uses the real ClusterReady attributes (ClusterReady.CodeFixes.Tests adds
/// <c>FixAsync</c>, which applies a code fix). Only the rules named in <c>ids</c> are compared, so a test states just
/// the diagnostics it is about; the others the analyzer reports are turned off for that test. Shared by the test
/// projects as a linked file.
/// </summary>
internal static partial class Verify<TAnalyzer>
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

    internal static void Configure(AnalyzerTest<DefaultVerifier> test, string source, bool web, bool console, string[] ids)
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
