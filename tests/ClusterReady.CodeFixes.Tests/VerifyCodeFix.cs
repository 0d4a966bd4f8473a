using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.Tests;

/// <summary>The code fix half of <see cref="Verify{TAnalyzer}"/> (tests/Shared/Verify.cs, which states the constraint).</summary>
internal static partial class Verify<TAnalyzer>
{
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
}
