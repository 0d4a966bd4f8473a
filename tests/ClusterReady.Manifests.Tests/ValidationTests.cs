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
        { "password in appsettings", Valid with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Production"] = "{ \"Db\": { \"Password\": \"hunter2\" } }" } }, "AppSettingsByEnvironment[Production]", "\"Db:Password\"" },
        { "old framework", Valid with { TargetFramework = "net6.0" }, "TargetFramework", "net8.0" },
        { "not a framework", Valid with { TargetFramework = "netstandard2.0" }, "TargetFramework", "\"netstandard2.0\"" },
        { "empty assembly name", Valid with { AssemblyName = "" }, "AssemblyName", "empty" },
        { "version that is no tag", Valid with { AssemblyVersion = "1.0.0 beta", Model = Valid.Model with { ImageTag = null } }, "ImageTag", "\"1.0.0 beta\"" },
        { "version that is no label", Valid with { AssemblyVersion = "1.0.0-" + new string('a', 70) }, "AssemblyVersion", "app.kubernetes.io/version" },
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

    [Fact]
    public void NullListsInAModelAreAnErrorNotAnException()
    {
        // A model deserialized from hand-written JSON can carry nulls where the contract has none.
        var request = With(m => m with { Environment = null! });

        var result = DeployArtifacts.Create(request);

        Assert.Empty(result.Files);
        Assert.NotEmpty(result.Errors);
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
