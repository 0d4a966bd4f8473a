using System.Collections.ObjectModel;
using ClusterReady.Model;

namespace ClusterReady.Manifests;

/// <summary>What <see cref="DeployArtifacts.Create"/> needs to know about one published service.</summary>
public sealed record ArtifactRequest
{
    /// <summary>The deployment model the generator embedded in the assembly.</summary>
    public required DeploymentModel Model { get; init; }

    /// <summary>The assembly name, e.g. <c>Orders.Api</c>; the entry point is <c>Orders.Api.dll</c>.</summary>
    public required string AssemblyName { get; init; }

    /// <summary>
    /// The informational version, e.g. <c>1.4.2</c> or <c>1.4.2+5f3c2a1</c>. The build metadata after '+' is dropped
    /// for the image tag and the version label.
    /// </summary>
    public required string AssemblyVersion { get; init; }

    /// <summary>The target framework, e.g. <c>net10.0</c>; it selects the base image tag (<c>10.0</c>).</summary>
    public required string TargetFramework { get; init; }

    /// <summary>True for Microsoft.NET.Sdk.Web projects (ASP.NET Core image); false for the plain runtime image.</summary>
    public required bool IsWebProject { get; init; }

    /// <summary>
    /// The text of <c>appsettings.{Environment}.json</c> by environment name (e.g. <c>Staging</c>). An overlay whose
    /// environment has an entry gets it as a ConfigMap mounted over that file. May be empty.
    /// </summary>
    public IReadOnlyDictionary<string, string> AppSettingsByEnvironment { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Whether the deploy folder gets the Helm chart (<c>helm/</c>); MSBuild's <c>ClusterReadyHelmChart=false</c> turns it off.</summary>
    public bool HelmChart { get; init; } = true;

    /// <summary>
    /// Whether to write the Compose files (<c>compose.yaml</c>, one <c>compose.&lt;environment&gt;.yaml</c> an overlay);
    /// the MSBuild property <c>ClusterReadyCompose=false</c> turns them off.
    /// </summary>
    public bool Compose { get; init; } = true;

    /// <summary>
    /// The digest of the image <c>dotnet publish /t:PublishContainer</c> pushed (the SDK's <c>GeneratedContainerDigest</c>,
    /// <c>sha256:...</c>): the Kustomize base then runs the image by this digest instead of by its tag. Null: by tag.
    /// </summary>
    public string? ImageDigest { get; init; }

    /// <summary>
    /// Where that image was pushed (<c>registry/repository</c>), when the project published it elsewhere than the
    /// model's repository; null: the model's repository.
    /// </summary>
    public string? PublishedRepository { get; init; }
}

/// <summary>One file of the deploy folder.</summary>
/// <param name="RelativePath">Path under the deploy folder, '/'-separated, e.g. <c>kubernetes/base/deployment.yaml</c>.</param>
/// <param name="Content">The file's text, with "\n" line endings.</param>
public sealed record ArtifactFile(string RelativePath, string Content);

/// <summary>A problem with the deployment model that prevents writing the artifacts.</summary>
/// <param name="Property">The attribute property at fault, e.g. <c>Resources.MemoryLimit</c> or <c>Ports[1].Name</c>.</param>
/// <param name="Message">What is wrong, with the offending value and how to fix it.</param>
public sealed record ArtifactError(string Property, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Property}: {Message}";
}

/// <summary>The outcome of <see cref="DeployArtifacts.Create"/>: either files or errors, never both.</summary>
/// <param name="Files">The files to write, ordered by path; empty when there are errors.</param>
/// <param name="Errors">The problems found; empty on success.</param>
public sealed record ArtifactResult(IReadOnlyList<ArtifactFile> Files, IReadOnlyList<ArtifactError> Errors)
{
    /// <summary>
    /// The image's values for the .NET SDK's container publishing, one <c>Name=Value</c> line each (see
    /// <c>ContainerSettings</c>); the build tool writes them where the build targets read them. Empty when there are errors.
    /// </summary>
    public string ContainerSettings { get; init; } = "";

    /// <summary>True when there are no errors.</summary>
    public bool Succeeded => Errors.Count == 0;
}
