using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ClusterReady.Manifests;

/// <summary>
/// The image the manifests run, as one set of values: the generated Dockerfile writes it out, and the SDK's container
/// publishing (<c>dotnet publish /t:PublishContainer</c>) gets the same values through <see cref="ContainerSettings"/>.
/// Two ways to build, one image.
/// </summary>
internal sealed partial class ContainerImage
{
    public const string TitleLabel = "org.opencontainers.image.title";
    public const string VersionLabel = "org.opencontainers.image.version";

    private ContainerImage(ServicePlan plan)
    {
        var request = plan.Request;
        var flavour = request.IsWebProject ? "aspnet" : "runtime";
        var version = TargetFrameworkVersion().Match(request.TargetFramework).Groups["version"].Value;
        // The minor-version tag follows the patch releases, so rebuilding picks up the runtime's security fixes.
        BaseImage = $"mcr.microsoft.com/dotnet/{flavour}:{version}";
        User = plan.Model.Security.RunAsUser.ToString(CultureInfo.InvariantCulture);
        Ports = plan.Model.Ports.Select(p => (p.Port, p.Protocol.ToLowerInvariant())).ToArray();

        // Kestrel listens on the application ports; the management port is opened by the ClusterReady runtime.
        var httpPorts = plan.AppPorts.Where(p => p.Protocol == "TCP").Select(p => p.Port).ToArray();
        Environment = (request.IsWebProject && httpPorts.Length > 0
            ? new[] { ("ASPNETCORE_HTTP_PORTS", string.Join(';', httpPorts)) }
            : [])
            .Concat(plan.RuntimeSettings.Select(setting => (setting.Name, setting.Value)))
            .ToArray();
        Entrypoint = ["dotnet", request.AssemblyName + ".dll"];
        Labels = [(TitleLabel, plan.Name), (VersionLabel, plan.Version)];
        (Registry, Repository) = SplitRegistry(plan.ImageRepository);
        Tag = plan.ImageTag;
    }

    /// <summary>The official .NET image of the target framework: <c>aspnet</c> for web projects, else <c>runtime</c>.</summary>
    public string BaseImage { get; }

    /// <summary>Where the publish output goes and the process starts.</summary>
    public string WorkingDirectory => "/app";

    /// <summary>The numeric user the pod runs as (<c>runAsUser</c>), so the image and the manifest name the same one.</summary>
    public string User { get; }

    /// <summary>Every declared port, management port included, with its lowercase protocol.</summary>
    public IReadOnlyList<(int Port, string Protocol)> Ports { get; }

    /// <summary>
    /// The variables the image sets: the app ports, and the latency profile's runtime settings for the base's resources
    /// (as the Deployment sets them), so the image alone runs as in the cluster. The model's own variables are the
    /// Deployment's, per environment.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)> Environment { get; }

    /// <summary>Exec form: dotnet is PID 1 and receives SIGTERM itself (and the image has no shell anyway).</summary>
    public IReadOnlyList<string> Entrypoint { get; }

    /// <summary>OCI labels: the service's name and version.</summary>
    public IReadOnlyList<(string Key, string Value)> Labels { get; }

    /// <summary>The registry host of the model's repository (<c>registry.example.com</c>, <c>127.0.0.1:5000</c>), or null.</summary>
    public string? Registry { get; }

    /// <summary>The repository without its registry (<c>shop/orders-api</c>).</summary>
    public string Repository { get; }

    /// <summary>The tag the manifests run.</summary>
    public string Tag { get; }

    public static ContainerImage Create(ServicePlan plan) => new(plan);

    /// <summary>
    /// Splits an image repository as container tools do: the first path component is a registry host when it has a
    /// '.' or a ':' or is <c>localhost</c>; otherwise there is none.
    /// </summary>
    public static (string? Registry, string Repository) SplitRegistry(string repository)
    {
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = repository[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                return (first, repository[(slash + 1)..]);
            }
        }

        return (null, repository);
    }

    [GeneratedRegex(@"^net(?<version>[0-9]+\.[0-9]+)$")]
    private static partial Regex TargetFrameworkVersion();
}

/// <summary>
/// The <see cref="ContainerImage"/> as the values of the .NET SDK's container properties and items, one line each,
/// which the build targets read before <c>ComputeContainerBaseImage</c> and apply where the project has not set its own
/// (<c>ClusterReady.targets</c>, <c>_ClusterReadyContainerSettings</c>). A line is <c>Name|Value|Metadata</c>: a
/// property's name and value, or an item's name, include and its one metadata value (a port's <c>Type</c>, an
/// environment variable's <c>Value</c>). No value the model allows holds a '|'.
/// </summary>
internal static class ContainerSettings
{
    /// <summary>The file's name in the project's intermediate folder.</summary>
    public const string FileName = "clusterready-container.txt";

    public static string Create(ServicePlan plan)
    {
        var image = ContainerImage.Create(plan);
        var lines = new StringBuilder();
        void Line(string name, string value, string metadata = "") =>
            lines.Append(name).Append('|').Append(value).Append('|').Append(metadata).Append('\n');

        Line("ContainerBaseImage", image.BaseImage);
        Line("ContainerRegistry", image.Registry ?? "");
        Line("ContainerRepository", image.Repository);
        Line("ContainerImageTag", image.Tag);
        Line("ContainerUser", image.User);
        Line("ContainerWorkingDirectory", image.WorkingDirectory);
        // The labels through the SDK's own properties: it writes these two labels itself from them.
        Line("ContainerTitle", image.Labels.Single(l => l.Key == ContainerImage.TitleLabel).Value);
        Line("ContainerVersion", image.Labels.Single(l => l.Key == ContainerImage.VersionLabel).Value);
        foreach (var (port, protocol) in image.Ports)
        {
            Line("ContainerPort", port.ToString(CultureInfo.InvariantCulture), protocol);
        }

        foreach (var (name, value) in image.Environment)
        {
            Line("ContainerEnvironmentVariable", name, value);
        }

        foreach (var argument in image.Entrypoint)
        {
            Line("ContainerAppCommand", argument);
        }

        return lines.ToString();
    }
}
