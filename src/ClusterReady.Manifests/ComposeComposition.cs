namespace ClusterReady.Manifests;

/// <summary>One service of a composition: its request, and its publish folder (the image's build context).</summary>
/// <param name="Request">What <see cref="DeployArtifacts.Create"/> would get for the service.</param>
/// <param name="PublishFolder">The service's publish folder relative to the composition's folder, '/'-separated, e.g. <c>OrdersApi</c>.</param>
public sealed record ComposedService(ArtifactRequest Request, string PublishFolder);

/// <summary>
/// The Compose files of a composition: the services of one solution in one <c>compose.yaml</c>, each built from its
/// publish folder and started after the services it <c>[DependsOn]</c> are healthy, so that
/// <c>docker-compose -f compose.yaml up</c> starts them all; one <c>compose.&lt;environment&gt;.yaml</c> for each
/// environment a service declares (the overrides of the services that declare it). One file, not one per service
/// joined with several <c>-f</c> or <c>include:</c>: docker-compose 1.x resolves every relative path from the first
/// file's folder and has no <c>include:</c>. The dependencies themselves (each names a service of the composition, no
/// cycle) are the rulebook's: <c>CompositionRules</c>, checked by the build step before this runs.
/// </summary>
public static class ComposeComposition
{
    /// <summary>The files, relative to the composition's folder, or the errors of the services' build facts.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static ArtifactResult Create(IReadOnlyList<ComposedService> services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var errors = services
            .SelectMany(s => BuildFactsValidator.Validate(s.Request).Select(e => e with { Property = $"{s.PublishFolder}: {e.Property}" }))
            .ToList();
        if (errors.Count > 0)
        {
            return new ArtifactResult([], errors);
        }

        var composed = services
            .Select(s => new ComposedPlan(ServicePlan.Create(s.Request), "./" + s.PublishFolder, "./" + s.PublishFolder + "/deploy"))
            .ToList();
        var files = new List<ArtifactFile> { new(ComposeFile.FileName, ComposeFile.CreateComposition(composed)) };
        if (composed.Any(c => c.Plan.Model.SecretVolumes.Count > 0))
        {
            files.Add(new ArtifactFile(ComposeFile.SecretsIgnoreFileName, ComposeFile.CreateSecretsIgnoreFile()));
        }

        var environments = composed
            .SelectMany(c => c.Plan.Overlays.Select(overlay => (Service: c, Overlay: overlay)))
            .GroupBy(entry => ComposeFile.OverrideFileName(entry.Overlay), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal);
        foreach (var environment in environments)
        {
            files.Add(new ArtifactFile(environment.Key, ComposeFile.CreateCompositionOverride(environment.ToList())));
        }

        return new ArtifactResult(files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray(), []);
    }
}
