using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterReady.Model;
using ClusterReady.Model.Resolution;
using ClusterReady.Model.Rules;
using k8s.Models;

namespace ClusterReady.Manifests;

/// <summary>
/// Checks what the build adds to the model before any object is built: the project's name, version and target
/// framework, and its <c>appsettings.{Environment}.json</c> files. The model itself is judged earlier, by the rulebook
/// (ClusterReady.Model's <c>Rulebook</c>) on the declaration it was resolved from: the same rules the analyzers run, so
/// they are not written again here.
/// </summary>
internal sealed partial class BuildFactsValidator
{
    // A ConfigMap (like every object) must fit in etcd's 1 MiB request limit.
    private const int MaxConfigMapBytes = 1024 * 1024;

    private readonly List<ArtifactError> _errors = [];
    private readonly ArtifactRequest _request;
    private readonly DeploymentModel _model;

    private BuildFactsValidator(ArtifactRequest request)
    {
        _request = request;
        _model = request.Model;
    }

    public static IReadOnlyList<ArtifactError> Validate(ArtifactRequest request)
    {
        var validator = new BuildFactsValidator(request);
        validator.ValidateRequest();
        if (validator._errors.Count == 0)
        {
            validator.ValidateModelShape();
        }

        // The version and appsettings checks read the model: only a whole one.
        if (validator._errors.Count == 0)
        {
            validator.ValidateVersion();
            validator.ValidateAppSettings();
        }

        return validator._errors;
    }

    private void Error(string property, string message) => _errors.Add(new ArtifactError(property, message));

    private void ValidateRequest()
    {
        if (_request.Model is null)
        {
            Error(nameof(ArtifactRequest.Model), "No deployment model was given.");
        }

        if (string.IsNullOrWhiteSpace(_request.AssemblyName))
        {
            Error(nameof(ArtifactRequest.AssemblyName), "The assembly name is empty; pass the project's AssemblyName.");
        }

        if (string.IsNullOrWhiteSpace(_request.AssemblyVersion))
        {
            Error(nameof(ArtifactRequest.AssemblyVersion), "The assembly version is empty; pass the project's InformationalVersion.");
        }

        var framework = TargetFrameworkPattern().Match(_request.TargetFramework ?? "");
        if (!framework.Success)
        {
            Error(nameof(ArtifactRequest.TargetFramework), $"\"{_request.TargetFramework}\" is not a .NET target framework such as \"net10.0\"; container images exist for netX.Y only.");
        }
        else if (int.Parse(framework.Groups["major"].Value, CultureInfo.InvariantCulture) < 8)
        {
            Error(nameof(ArtifactRequest.TargetFramework), $"\"{_request.TargetFramework}\" is older than net8.0; the images' non-root user (APP_UID) and ASPNETCORE_HTTP_PORTS need .NET 8 or later.");
        }

        if (_request.ImageDigest is { } digest && !DigestPattern().IsMatch(digest))
        {
            Error(nameof(ArtifactRequest.ImageDigest), $"\"{digest}\" is not an image digest such as \"sha256:\" and 64 hex digits.");
        }

        if (_request.PublishedRepository is { } published && !NameRules.IsImageRepository(published))
        {
            Error(nameof(ArtifactRequest.PublishedRepository), $"\"{published}\" is not an image repository.");
        }
    }

    /// <summary>A model read from hand-written JSON can carry nulls where the contract has none: an error, not an exception.</summary>
    private void ValidateModelShape()
    {
        if (_model.Ports is null || _model.Environment is null || _model.SecretEnvironment is null || _model.SecretVolumes is null
            || _model.ConfigMaps is null || _model.Overlays is null || _model.Shutdown is null || _model.Security is null)
        {
            Error("(model)", "The deployment model has a list or section set to null; rebuild so the generator writes it again.");
        }
    }

    /// <summary>The version becomes a label and, unless ImageTag is set, the image tag.</summary>
    private void ValidateVersion()
    {
        var version = ServicePlan.StripBuildMetadata(_request.AssemblyVersion);
        if (_model.ImageTag is null && !NameRules.IsImageTag(version))
        {
            Error("ImageTag", $"The image tag defaults to the version \"{version}\", which is not a valid tag; set ImageTag or the project's Version.");
        }

        if (!NameRules.IsLabelValue(version))
        {
            Error(nameof(ArtifactRequest.AssemblyVersion), $"The version \"{version}\" cannot be the app.kubernetes.io/version label: use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.");
        }
    }

    private void ValidateAppSettings()
    {
        var overlayNames = ModelResolver.Overlays(_model).Select(o => o.Name);
        foreach (var overlayName in overlayNames.Where(n => !string.IsNullOrEmpty(n)))
        {
            var (environment, json) = OverlayPlan.FindAppSettings(_request.AppSettingsByEnvironment, overlayName);
            if (json is not null)
            {
                ValidateAppSettings(environment, json);
            }
        }
    }

    private void ValidateAppSettings(string environment, string json)
    {
        var property = $"{nameof(ArtifactRequest.AppSettingsByEnvironment)}[{environment}]";
        if (Encoding.UTF8.GetByteCount(json) > MaxConfigMapBytes)
        {
            Error(property, $"appsettings.{environment}.json is larger than the 1 MiB a ConfigMap can hold; move large data out of configuration.");
            return;
        }

        try
        {
            // The same leniency as the JSON configuration provider: comments and trailing commas are fine.
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                // The JSON configuration provider reads only an object ("Top-level JSON element must be an object").
                Error(property, $"appsettings.{environment}.json holds a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()} at the top, not an object; the app would fail to start with it (the JSON configuration provider reads only an object).");
                return;
            }

            foreach (var path in SecretHeuristics.FindInJson(document.RootElement, ""))
            {
                Error(property, $"appsettings.{environment}.json sets \"{path}\" to what looks like a credential, which would be written in plain text into a ConfigMap; keep it in a Secret (a secret environment variable or secret volume) and leave it out of the file.");
            }
        }
        catch (JsonException e)
        {
            Error(property, $"appsettings.{environment}.json is not valid JSON ({e.Message}); the app would fail to start with it.");
        }
    }

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^net(?<major>[0-9]+)\.(?<minor>[0-9]+)$")]
    private static partial Regex TargetFrameworkPattern();
}
