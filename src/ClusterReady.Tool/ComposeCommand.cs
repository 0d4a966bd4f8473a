using ClusterReady.Manifests;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Tool;

/// <summary>
/// <c>ClusterReady.Tool compose --services &lt;list&gt; --output &lt;dir&gt;</c>: the Compose files of a composition
/// (ClusterReady.Composition.targets, after each service is published into its folder under the output). The list has
/// one service a line, tab-separated: publish folder, assembly, assembly name, version, target framework, web
/// (true|false), project folder. The composition's rules (<see cref="CompositionRules"/>) run first; an error writes
/// nothing.
/// </summary>
internal static class ComposeCommand
{
    private const string Usage = "usage: ClusterReady.Tool compose --services <list file> --output <composition dir>";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var values = Options.ReadPairs(args, out var problem);
        if (values is null || !values.TryGetValue("services", out var list) || !values.TryGetValue("output", out var outputDirectory))
        {
            error.WriteLine($"ClusterReady: error CRB0001: {(values is null ? problem : "missing --services or --output")}. {Usage}");
            return 2;
        }

        var services = new List<(ServiceDeclaration Declaration, Options Options, string PublishFolder)>();
        foreach (var line in File.ReadAllLines(list).Where(l => l.Length > 0))
        {
            var fields = line.Split('\t');
            if (fields.Length != 7)
            {
                error.WriteLine($"{list}: error CRB0001: expected 7 tab-separated fields, not {fields.Length}: '{line}'. {Usage}");
                return 2;
            }

            var options = new Options(fields[1], outputDirectory, fields[2], fields[3], fields[4], string.Equals(fields[5], "true", StringComparison.OrdinalIgnoreCase), fields[6]);
            var (declaration, exitCode) = Declarations.Read(options.AssemblyPath, error);
            if (declaration is null)
            {
                if (exitCode == 0)
                {
                    error.WriteLine(
                        $"ClusterReady: error CRB0101: {options.AssemblyName} has no [KubernetesService] class, so it is not a service to compose: " +
                        "remove it from the composition's ClusterReadyService items, or declare the service.");
                }

                return 1;
            }

            services.Add((declaration, options, Path.GetRelativePath(outputDirectory, fields[0]).Replace('\\', '/').TrimEnd('/')));
        }

        var findings = CompositionRules.Check(services.Select(s => s.Declaration).ToList());
        foreach (var (service, finding) in findings)
        {
            error.WriteLine(Declarations.ErrorLine(finding, service.ServiceName + ": " + Rulebook.Describe(service, finding.Site)));
        }

        if (findings.Count > 0)
        {
            output.WriteLine("ClusterReady: the composition's services break the rules above; no Compose file written.");
            return 1;
        }

        var result = ComposeComposition.Create(services.Select(s => new ComposedService(s.Options.Request(s.Declaration), s.PublishFolder)).ToList());
        if (!Declarations.Succeeded(result, error))
        {
            return 1;
        }

        DeployArtifacts.WriteTo(outputDirectory, result.Files);
        output.WriteLine(
            $"ClusterReady: {string.Join(", ", services.Select(s => s.Declaration.ServiceName))} -> " +
            $"{Path.Combine(Path.GetFullPath(outputDirectory), "compose.yaml")}");
        return 0;
    }
}
