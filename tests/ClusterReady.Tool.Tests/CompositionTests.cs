namespace ClusterReady.Tool.Tests;

/// <summary>
/// The composition's build step (<c>ClusterReady.Tool compose</c>, as ClusterReady.Composition.targets runs it) on
/// services the generator compiled: one Compose file when every dependency is a service of the composition, and the
/// rules' errors (CR9102, CR9103, CR2008), with nothing written, when not.
/// </summary>
public sealed class CompositionTests : IDisposable
{
    private readonly BuildStep _step = new();

    public void Dispose() => _step.Dispose();

    [Fact]
    public void The_services_are_written_to_one_file_with_their_dependencies()
    {
        var (exitCode, output, errors) = Compose(
            ("Orders.Api", Service("orders-api", "inventory-worker")),
            ("Inventory.Worker", Service("inventory-worker")));

        Assert.True(exitCode == 0, errors);
        Assert.Contains("ClusterReady: orders-api, inventory-worker -> ", output, StringComparison.Ordinal);
        var compose = File.ReadAllText(Path.Combine(_step.Folder, "compose.yaml"));
        Assert.Contains("    build:\n      context: ./Orders.Api\n", compose, StringComparison.Ordinal);
        Assert.Contains("    depends_on:\n      inventory-worker:\n        condition: service_healthy\n", compose, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dependency_on_a_service_the_composition_does_not_have_is_CR9102_and_nothing_is_written()
    {
        var (exitCode, _, errors) = Compose(("Orders.Api", Service("orders-api", "inventory-worker", "payments")), ("Inventory.Worker", Service("inventory-worker")));

        Assert.Equal(1, exitCode);
        Assert.Equal(
            "ClusterReady: error CR9102: [orders-api: DependsOn.Service] Service \"orders-api\" depends on \"payments\", which is not a service of the composition " +
            "(its services: inventory-worker, orders-api): add the project that declares [KubernetesService(\"payments\")] to the composition, or correct the name " +
            "(https://github.com/clusterready/clusterready/blob/main/docs/rules/CR9102.md)",
            errors.Trim());
        Assert.False(File.Exists(Path.Combine(_step.Folder, "compose.yaml")));
    }

    [Fact]
    public void A_cycle_is_CR9103_with_its_path()
    {
        var (exitCode, _, errors) = Compose(
            ("A", Service("a", "b")),
            ("B", Service("b", "c")),
            ("C", Service("c", "a")),
            ("D", Service("d", "a")));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ClusterReady: error CR9103: [c: DependsOn.Service] The services depend on each other in a cycle (a -> b -> c -> a)", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_step.Folder, "compose.yaml")));
    }

    [Fact]
    public void Two_projects_with_one_service_name_are_CR2008()
    {
        var (exitCode, _, errors) = Compose(("Orders.Api", Service("orders-api")), ("Orders.Api2", Service("orders-api")));

        Assert.Equal(1, exitCode);
        Assert.Contains("error CR2008: [orders-api: KubernetesService.Name] The service of the composition \"orders-api\" is declared more than once", errors, StringComparison.Ordinal);
    }

    private static string Service(string name, params string[] dependsOn) => $$"""
        [ClusterReady.KubernetesService("{{name}}")]
        [ClusterReady.ContainerPort(8081, Name = "management", Management = true)]
        {{string.Concat(dependsOn.Select(d => $"[ClusterReady.DependsOn(\"{d}\")]\n"))}}public sealed class Deployment;
        """;

    /// <summary>Compiles each service, gives it a publish folder under the composition's, and runs the step.</summary>
    private (int ExitCode, string Output, string Errors) Compose(params (string AssemblyName, string Source)[] services)
    {
        var list = Path.Combine(_step.Folder, "services.txt");
        File.WriteAllLines(list, services.Select(s =>
            string.Join('\t', Path.Combine(_step.Folder, s.AssemblyName) + "/", _step.Compile(s.AssemblyName, s.Source), s.AssemblyName, "1.0.0", "net10.0", "false", _step.Folder)));

        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = ComposeCommand.Run(["--services", list, "--output", _step.Folder], output, errors);
        return (exitCode, output.ToString(), errors.ToString());
    }
}
