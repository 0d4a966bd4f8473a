using ClusterReady.Manifests;
using ClusterReady.Model;

namespace ClusterReady.Manifests.Tests;

/// <summary>
/// What the build adds to the model (name, version, target framework, appsettings files) comes back as errors that name
/// the property, show the value and suggest a fix; never as exceptions. The model's own values are judged by the
/// rulebook before the build step gets here: each rule's tests are in ClusterReady.Analyzers.Tests (the analyzers run
/// it), BuildStepVerdictTests (the same errors on the build step's input) and ClusterReady.Tool.Tests (the build step runs it).
/// </summary>
public sealed class ValidationTests
{
    private static readonly ArtifactRequest Valid = TestCases.WebApi;

    private static ArtifactRequest With(Func<DeploymentModel, DeploymentModel> change) => Valid with { Model = change(Valid.Model) };

    public static TheoryData<string, ArtifactRequest, string, string> InvalidRequests => new()
    {
        { "invalid appsettings", Valid with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Staging"] = "{ \"Orders\": " } }, "AppSettingsByEnvironment[Staging]", "not valid JSON" },
        { "appsettings that are a list", Valid with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Staging"] = "[ \"Host=db;Password=hunter2\" ]" } }, "AppSettingsByEnvironment[Staging]", "appsettings.Staging.json holds a JSON array at the top, not an object; the app would fail to start with it (the JSON configuration provider reads only an object)." },
        { "appsettings that are a string", Valid with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Staging"] = "\"x\"" } }, "AppSettingsByEnvironment[Staging]", "appsettings.Staging.json holds a JSON string at the top, not an object;" },
        { "password in appsettings", Valid with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Production"] = "{ \"Db\": { \"Password\": \"hunter2\" } }" } }, "AppSettingsByEnvironment[Production]", "\"Db:Password\"" },
        { "old framework", Valid with { TargetFramework = "net6.0" }, "TargetFramework", "net8.0" },
        { "not a framework", Valid with { TargetFramework = "netstandard2.0" }, "TargetFramework", "\"netstandard2.0\"" },
        { "empty assembly name", Valid with { AssemblyName = "" }, "AssemblyName", "empty" },
        { "version that is no tag", Valid with { AssemblyVersion = "1.0.0 beta", Model = Valid.Model with { ImageTag = null } }, "ImageTag", "\"1.0.0 beta\"" },
        { "version that is no label", Valid with { AssemblyVersion = "1.0.0-" + new string('a', 70) }, "AssemblyVersion", "app.kubernetes.io/version" },
        { "no model", Valid with { Model = null! }, "Model", "No deployment model was given." },
        { "empty version", Valid with { AssemblyVersion = " " }, "AssemblyVersion", "The assembly version is empty; pass the project's InformationalVersion." },
        { "no framework", Valid with { TargetFramework = null! }, "TargetFramework", "\"\" is not a .NET target framework such as \"net10.0\"; container images exist for netX.Y only." },
        { "net7.0", Valid with { TargetFramework = "net7.0" }, "TargetFramework", "\"net7.0\" is older than net8.0;" },
        { "bad digest", Valid with { ImageDigest = "sha256:abc" }, "ImageDigest", "\"sha256:abc\" is not an image digest such as \"sha256:\" and 64 hex digits." },
        { "bad repository", Valid with { PublishedRepository = "Orders/API" }, "PublishedRepository", "\"Orders/API\" is not an image repository." },
        {
            "appsettings over 1 MiB", Valid with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Staging"] = "{\"a\":\"" + new string('x', 1024 * 1024) + "\"}" } },
            "AppSettingsByEnvironment[Staging]", "appsettings.Staging.json is larger than the 1 MiB a ConfigMap can hold; move large data out of configuration."
        },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void InvalidValueIsAnErrorNamingTheProperty(string description, ArtifactRequest request, string property, string messagePart)
    {
        var result = DeployArtifacts.Create(request);

        Assert.Empty(result.Files);
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors, e => e.Property == property);
        Assert.True(error.Message.Contains(messagePart, StringComparison.Ordinal), $"{description}: the message \"{error.Message}\" does not mention {messagePart}.");
    }

    [Fact]
    public void ValidCasesHaveNoErrors()
    {
        Assert.All(TestCases.All, pair => Assert.Empty(DeployArtifacts.Create(pair.Value).Errors));
    }

    [Fact]
    public void TheEdgesOfWhatIsAcceptedHaveNoErrors()
    {
        // net8.0, the oldest framework with the images' non-root user; appsettings of exactly 1 MiB.
        var json = "{\"a\":\"" + new string('x', (1024 * 1024) - 8) + "\"}";
        Assert.Equal(1024 * 1024, System.Text.Encoding.UTF8.GetByteCount(json));

        Assert.Empty(DeployArtifacts.Create(Valid with { TargetFramework = "net8.0" }).Errors);
        Assert.Empty(DeployArtifacts.Create(Valid with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Staging"] = json } }).Errors);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var request = Valid with
        {
            AssemblyVersion = "1.0.0 beta",
            Model = Valid.Model with { ImageTag = null },
            AppSettingsByEnvironment = new Dictionary<string, string> { ["Staging"] = "{ \"Orders\": " },
        };

        var properties = DeployArtifacts.Create(request).Errors.Select(e => e.Property).ToHashSet();

        Assert.Superset(new HashSet<string> { "ImageTag", "AssemblyVersion", "AppSettingsByEnvironment[Staging]" }, properties);
    }

    [Fact]
    public void SecretValuesAreNotRepeatedInMessages()
    {
        var request = Valid with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Production"] = "{ \"ConnectionStrings\": { \"Db\": \"Host=db;Password=hunter2\" } }" } };

        var error = Assert.Single(DeployArtifacts.Create(request).Errors);

        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<DeploymentModel, DeploymentModel>> NullSections => new()
    {
        { "Ports", m => m with { Ports = null! } },
        { "Environment", m => m with { Environment = null! } },
        { "SecretEnvironment", m => m with { SecretEnvironment = null! } },
        { "SecretVolumes", m => m with { SecretVolumes = null! } },
        { "ConfigMaps", m => m with { ConfigMaps = null! } },
        { "Overlays", m => m with { Overlays = null! } },
        { "Shutdown", m => m with { Shutdown = null! } },
        { "Security", m => m with { Security = null! } },
    };

    [Theory]
    [MemberData(nameof(NullSections))]
    public void NullListsInAModelAreAnErrorNotAnException(string section, Func<DeploymentModel, DeploymentModel> change)
    {
        // A model deserialized from hand-written JSON can carry nulls where the contract has none.
        var result = DeployArtifacts.Create(With(change));

        Assert.Empty(result.Files);
        Assert.True(result.Errors.Count == 1, $"{section} = null: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        Assert.Equal(
            ("(model)", "The deployment model has a list or section set to null; rebuild so the generator writes it again."),
            (result.Errors[0].Property, result.Errors[0].Message));
    }

    [Fact]
    public void AValueThatYamlWouldChangeIsAnErrorNotASilentChange()
    {
        var request = With(m => m with { Environment = [new EnvironmentVariableModel("Separator", "tab\t")] });

        var result = DeployArtifacts.Create(request);

        Assert.Empty(result.Files);
        Assert.Contains("trailing tabs", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullRequestThrows()
    {
        Assert.Throws<ArgumentNullException>(() => DeployArtifacts.Create(null!));
    }
}
