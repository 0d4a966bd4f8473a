using System.Security.Cryptography;
using System.Text;
using ClusterReady.Model;

namespace ClusterReady.Manifests;

/// <summary>
/// Creates the deploy folder of a published service from its <see cref="DeploymentModel"/>: a Dockerfile for the
/// publish output and Kubernetes manifests as a Kustomize base with one overlay per environment.
/// </summary>
/// <remarks>
/// <para>Layout (paths relative to the deploy folder):</para>
/// <list type="bullet">
/// <item><c>Dockerfile</c>, <c>Dockerfile.dockerignore</c>: build with <c>podman build -f deploy/Dockerfile &lt;publish dir&gt;</c>.</item>
/// <item><c>kubernetes/base/</c>: ServiceAccount, Deployment, and as the model asks Service, PodDisruptionBudget,
/// HorizontalPodAutoscaler, Ingress and NetworkPolicy.</item>
/// <item><c>helm/</c>: a Helm chart of the same objects (unless <see cref="ArtifactRequest.HelmChart"/> is false), see <see cref="HelmChart"/>.</item>
/// <item><c>kubernetes/overlays/&lt;environment&gt;/</c>: replicas, resources, image tag, autoscaling range,
/// DOTNET_ENVIRONMENT and the environment's <c>appsettings.{Environment}.json</c> as a ConfigMap. Apply with
/// <c>kubectl apply -k deploy/kubernetes/overlays/production</c>.</item>
/// <item><c>compose.yaml</c>, <c>compose.&lt;environment&gt;.yaml</c>, <c>compose/</c>, <c>secrets/.gitignore</c>: the same
/// service on one machine (<see cref="ComposeFile"/>); off with <see cref="ArtifactRequest.Compose"/> = false.</item>
/// </list>
/// <para>
/// The defaults meet the Pod Security Standards "restricted" profile and keep the service available: no rollout or
/// node drain takes it below its replica count, pods spread over nodes and zones, and a PodDisruptionBudget is added
/// whenever there is more than one replica. When the model declares no overlays, <c>staging</c> (same as the base)
/// and <c>production</c> (at least 2 replicas, autoscaling minimum at least 2) are written.
/// </para>
/// <para>The output is deterministic: the same request gives byte-identical files, with "\n" line endings.</para>
/// </remarks>
public static class DeployArtifacts
{
    /// <summary>The file in the deploy folder that lists the files <see cref="WriteTo"/> wrote, to remove them when they are no longer produced.</summary>
    internal const string FileListName = ".clusterready-files";

    /// <summary>
    /// Validates the request and creates the deploy files. Never throws for a bad model: every problem is returned
    /// as an <see cref="ArtifactError"/>, and there are no files when there is any error.
    /// </summary>
    /// <param name="request">The model and facts about the published project.</param>
    /// <returns>The files ordered by path, or the errors.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is null.</exception>
    public static ArtifactResult Create(ArtifactRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var errors = BuildFactsValidator.Validate(request);
            if (errors.Count > 0)
            {
                return new ArtifactResult([], errors);
            }

            var plan = ServicePlan.Create(request);
            var files = CreateFiles(plan);
            return new ArtifactResult(files.OrderBy(f => f.RelativePath, StringComparer.Ordinal).ToArray(), [])
            {
                ContainerSettings = ContainerSettings.Create(plan),
            };
        }
        catch (Exception e)
        {
            // A model the validator let through but the builders could not handle is still reported, not thrown,
            // so the build shows one message instead of a stack trace.
            return new ArtifactResult([], [new ArtifactError("(model)", $"The deploy artifacts could not be created: {e.GetType().Name}: {e.Message}")]);
        }
    }

    /// <summary>
    /// Writes <paramref name="files"/> under <paramref name="deployDirectory"/>. A file is only rewritten when its
    /// content changed (so timestamps and file watchers stay quiet), and files written by an earlier call that are no
    /// longer produced are deleted; files this method did not write are never touched.
    /// </summary>
    /// <param name="deployDirectory">The deploy folder, created when missing.</param>
    /// <param name="files">The files from <see cref="Create"/>.</param>
    /// <exception cref="ArgumentException">A path is absolute, leaves the folder or uses '\\'.</exception>
    /// <exception cref="IOException">A file could not be written or deleted.</exception>
    public static void WriteTo(string deployDirectory, IReadOnlyList<ArtifactFile> files)
    {
        ArgumentException.ThrowIfNullOrEmpty(deployDirectory);
        ArgumentNullException.ThrowIfNull(files);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(deployDirectory));
        var targets = files.ToDictionary(f => f.RelativePath, f => ResolveInside(root, f.RelativePath, throwIfOutside: true)!, StringComparer.Ordinal);

        Directory.CreateDirectory(root);
        var listPath = Path.Combine(root, FileListName);
        var previous = File.Exists(listPath)
            ? File.ReadAllLines(listPath).Where(line => line.Length > 0 && !targets.ContainsKey(line))
            : [];
        foreach (var stale in previous)
        {
            // The list is a plain file in the output folder: an entry that points elsewhere is ignored, never deleted.
            if (ResolveInside(root, stale, throwIfOutside: false) is { } path && File.Exists(path))
            {
                File.Delete(path);
                DeleteEmptyParents(root, Path.GetDirectoryName(path)!);
            }
        }

        foreach (var file in files)
        {
            WriteIfChanged(targets[file.RelativePath], file.Content);
        }

        WriteIfChanged(listPath, string.Concat(files.Select(f => f.RelativePath).Order(StringComparer.Ordinal).Select(p => p + "\n")));
    }

    private static List<ArtifactFile> CreateFiles(ServicePlan plan)
    {
        var model = plan.Model;
        var files = new List<ArtifactFile>
        {
            new(Dockerfile.FileName, Dockerfile.Create(plan)),
            new(Dockerfile.IgnoreFileName, Dockerfile.CreateIgnoreFile()),
        };

        const string Base = "kubernetes/base";
        var baseObjects = BaseObjects(plan);
        var resources = new List<string>();
        foreach (var (name, value) in baseObjects)
        {
            files.Add(new ArtifactFile($"{Base}/{name}", YamlText.FromKubernetesObject(value)));
            resources.Add(name);
        }

        files.Add(new ArtifactFile($"{Base}/kustomization.yaml", YamlText.FromKustomizeObject(new Kustomization
        {
            Namespace = model.Namespace,
            Resources = resources.Order(StringComparer.Ordinal).ToList(),
            Labels = CommonLabels(plan),
            Images = [BaseImage(plan)],
        }, KustomizeJsonContext.Default.Kustomization)));

        foreach (var overlay in plan.Overlays)
        {
            files.AddRange(CreateOverlayFiles(plan, overlay));
        }

        if (plan.Request.HelmChart)
        {
            files.AddRange(HelmChart.Create(plan, baseObjects));
        }

        if (plan.Request.Compose)
        {
            files.AddRange(CreateComposeFiles(plan));
        }

        return files;
    }

    /// <summary>
    /// The base's image: by tag, or, after <c>dotnet publish /t:PublishContainer</c> pushed it, by the digest it got
    /// (under the repository it was pushed to, when that is not the model's).
    /// </summary>
    private static KustomizeImage BaseImage(ServicePlan plan) => plan.Request.ImageDigest is { } digest
        ? new KustomizeImage
        {
            Name = plan.ImageRepository,
            NewName = plan.Request.PublishedRepository is { } published && published != plan.ImageRepository ? published : null,
            Digest = digest,
        }
        : new KustomizeImage { Name = plan.ImageRepository, NewTag = plan.ImageTag };

    /// <summary>The objects of the Kustomize base, by file name; the Helm chart's templates are the same objects.</summary>
    internal static List<BaseObject> BaseObjects(ServicePlan plan)
    {
        var model = plan.Model;
        var objects = new List<BaseObject>
        {
            new("serviceaccount.yaml", KubernetesObjects.ServiceAccount(plan)),
            new("deployment.yaml", KubernetesObjects.Deployment(plan)),
        };
        if (plan.AppPorts.Count > 0)
        {
            objects.Add(new("service.yaml", KubernetesObjects.Service(plan)));
        }

        if (plan.HasDisruptionBudget)
        {
            objects.Add(new("poddisruptionbudget.yaml", KubernetesObjects.PodDisruptionBudget(plan)));
        }

        if (model.Autoscaling is { } autoscaling)
        {
            objects.Add(new("horizontalpodautoscaler.yaml", KubernetesObjects.HorizontalPodAutoscaler(plan, autoscaling)));
        }

        if (model.Ingress is { } ingress)
        {
            objects.Add(new("ingress.yaml", KubernetesObjects.Ingress(plan, ingress)));
        }

        if (model.HttpRoute is { } route)
        {
            objects.Add(new("httproute.yaml", KubernetesObjects.HttpRoute(plan, route)));
        }

        if (model.NetworkPolicy is { } networkPolicy)
        {
            objects.Add(new("networkpolicy.yaml", KubernetesObjects.NetworkPolicy(plan, networkPolicy)));
        }

        return objects;
    }

    private static IEnumerable<ArtifactFile> CreateOverlayFiles(ServicePlan plan, OverlayPlan overlay)
    {
        var directory = $"kubernetes/overlays/{overlay.Directory}";
        var resources = new List<string> { "../../base" };
        var patches = new List<string>();

        string? appSettingsHash = null;
        if (overlay.AppSettingsJson is not null)
        {
            var configMap = YamlText.FromKubernetesObject(KubernetesObjects.AppSettingsConfigMap(plan, overlay));
            // Of the file's text, which the Helm chart hashes the same way (sha256sum of the value).
            appSettingsHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(overlay.AppSettingsText!)));
            var name = $"configmap-{overlay.Directory}.yaml";
            resources.Add(name);
            yield return new ArtifactFile($"{directory}/{name}", configMap);
        }

        if (overlay.NeedsDisruptionBudget)
        {
            resources.Add("poddisruptionbudget.yaml");
            yield return new ArtifactFile($"{directory}/poddisruptionbudget.yaml", YamlText.FromKubernetesObject(KubernetesObjects.PodDisruptionBudget(plan)));
        }

        patches.Add("deployment-patch.yaml");
        yield return new ArtifactFile($"{directory}/deployment-patch.yaml", YamlText.FromKubernetesObject(KubernetesObjects.DeploymentPatch(plan, overlay, appSettingsHash)));

        if (overlay.PatchesAutoscaler)
        {
            patches.Add("horizontalpodautoscaler-patch.yaml");
            yield return new ArtifactFile($"{directory}/horizontalpodautoscaler-patch.yaml", YamlText.FromKubernetesObject(KubernetesObjects.HorizontalPodAutoscalerPatch(plan, overlay)));
        }

        yield return new ArtifactFile($"{directory}/kustomization.yaml", YamlText.FromKustomizeObject(new Kustomization
        {
            // The base's namespace and labels do not reach the objects this overlay adds.
            Namespace = plan.Model.Namespace,
            // The base first, then this environment's own objects by name.
            Resources = [resources[0], .. resources.Skip(1).Order(StringComparer.Ordinal)],
            Labels = CommonLabels(plan),
            Images = overlay.Overlay.ImageTag is { } tag ? [new KustomizeImage { Name = plan.ImageRepository, NewTag = tag }] : null,
            Patches = patches.Select(p => new KustomizePatch { Path = p }).ToList(),
        }, KustomizeJsonContext.Default.Kustomization));
    }

    private static IEnumerable<ArtifactFile> CreateComposeFiles(ServicePlan plan)
    {
        yield return new ArtifactFile(ComposeFile.FileName, ComposeFile.Create(plan));
        if (plan.Model.SecretVolumes.Count > 0)
        {
            yield return new ArtifactFile(ComposeFile.SecretsIgnoreFileName, ComposeFile.CreateSecretsIgnoreFile());
        }

        foreach (var overlay in plan.Overlays)
        {
            yield return new ArtifactFile(ComposeFile.OverrideFileName(overlay), ComposeFile.CreateOverride(plan, overlay));
            if (overlay.AppSettingsJson is not null)
            {
                // The ConfigMap's text, ending in a newline as every file of the deploy folder does.
                var json = overlay.AppSettingsJson.ReplaceLineEndings("\n");
                yield return new ArtifactFile(ComposeFile.AppSettingsPath(overlay), json.EndsWith('\n') ? json : json + "\n");
            }
        }
    }

    internal static List<KustomizeLabels> CommonLabels(ServicePlan plan) =>
        [new KustomizeLabels { Pairs = new(plan.CommonLabels, StringComparer.Ordinal), IncludeSelectors = false, IncludeTemplates = true }];

    /// <summary>The full path of <paramref name="relativePath"/> inside <paramref name="root"/>, or null (or an exception) when it is not inside.</summary>
    private static string? ResolveInside(string root, string relativePath, bool throwIfOutside)
    {
        var valid = relativePath.Length > 0
            && !relativePath.Contains('\\', StringComparison.Ordinal)
            && !Path.IsPathRooted(relativePath)
            && relativePath.Split('/').All(segment => segment is not ("" or "." or ".."));
        var path = valid ? Path.GetFullPath(Path.Combine(root, relativePath)) : null;
        if (path is not null && path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && relativePath != FileListName)
        {
            return path;
        }

        return throwIfOutside
            ? throw new ArgumentException($"\"{relativePath}\" is not a '/'-separated relative path inside the deploy folder.", nameof(relativePath))
            : null;
    }

    private static void WriteIfChanged(string path, string content)
    {
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written next to the target and moved over it, so a reader never sees half a file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void DeleteEmptyParents(string root, string directory)
    {
        while (directory.Length > root.Length && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
            directory = Path.GetDirectoryName(directory)!;
        }
    }
}
