using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace ClusterReady.Tests;

/// <summary>
/// Compile references that work offline: the reference packs installed with the .NET SDK that runs the tests
/// (nothing is downloaded), plus ClusterReady.Abstractions. Web tests add the ASP.NET Core reference pack. Shared by the
/// test projects that compile C# (a linked file).
/// </summary>
internal static class TestReferences
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> NetCore = new(() => Pack("Microsoft.NETCore.App.Ref"));
    private static readonly Lazy<ImmutableArray<MetadataReference>> AspNetCore = new(() => Pack("Microsoft.AspNetCore.App.Ref"));

    /// <summary>No package: every reference is added explicitly below.</summary>
    public static ReferenceAssemblies None { get; } = new("net10.0");

    public static MetadataReference Abstractions { get; } = MetadataReference.CreateFromFile(typeof(KubernetesServiceAttribute).Assembly.Location);

    public static ImmutableArray<MetadataReference> Console => NetCore.Value.Add(Abstractions);

    public static ImmutableArray<MetadataReference> Web => NetCore.Value.AddRange(AspNetCore.Value).Add(Abstractions);

    /// <summary>The highest installed version of a reference pack for the running major version, or the runtime's own assemblies.</summary>
    private static ImmutableArray<MetadataReference> Pack(string name)
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory(); // <root>/shared/Microsoft.NETCore.App/<version>/
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packDirectory = Path.Combine(dotnetRoot, "packs", name);
        var major = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
        var version = Directory.Exists(packDirectory)
            ? Directory.GetDirectories(packDirectory)
                .Select(Path.GetFileName)
                .Where(v => v!.StartsWith(major, StringComparison.Ordinal) && Version.TryParse(v.Split('-')[0], out _))
                .OrderByDescending(v => Version.Parse(v!.Split('-')[0]))
                .FirstOrDefault()
            : null;
        var tfm = $"net{Environment.Version.Major}.0";
        var refDirectory = version is null ? null : Path.Combine(packDirectory, version, "ref", tfm);
        if (refDirectory is not null && Directory.Exists(refDirectory))
        {
            return Directory.GetFiles(refDirectory, "*.dll").Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
        }

        // No targeting pack (a runtime-only install): compile against the running framework's own assemblies.
        var framework = name.Replace(".Ref", "", StringComparison.Ordinal);
        var frameworkDirectory = Path.Combine(dotnetRoot, "shared", framework, Environment.Version.ToString());
        Assert.True(Directory.Exists(frameworkDirectory), $"Neither the {name} pack nor the {framework} runtime is installed.");
        return Directory.GetFiles(frameworkDirectory, "*.dll")
            .Where(IsManagedAssembly)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
