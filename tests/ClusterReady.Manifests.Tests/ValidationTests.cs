using ClusterReady.Manifests;
using ClusterReady.Model;

namespace ClusterReady.Manifests.Tests;

/// <summary>Bad model values come back as errors that name the property, show the value and suggest a fix; never as exceptions.</summary>
public sealed class ValidationTests
{
    private static readonly ArtifactRequest Valid = TestCases.WebApi;

    private static ArtifactRequest With(Func<DeploymentModel, DeploymentModel> change) => Valid with { Model = change(Valid.Model) };

    public static TheoryData<string, ArtifactRequest, string, string> InvalidRequests => new()
    {
        { "memory in megabits", With(m => m with { Resources = m.Resources! with { MemoryLimit = "500mb" } }), "Resources.MemoryLimit", "\"500M\" or \"500Mi\"" },
        { "memory in millibytes", With(m => m with { Resources = m.Resources! with { MemoryRequest = "256m" } }), "Resources.MemoryRequest", "\"256M\" or \"256Mi\"" },
        { "cpu not a number", With(m => m with { Resources = m.Resources! with { CpuRequest = "half" } }), "Resources.CpuRequest", "\"500m\"" },
        { "negative cpu", With(m => m with { Resources = m.Resources! with { CpuLimit = "-1" } }), "Resources.CpuLimit", "\"-1\"" },
        { "request above limit", With(m => m with { Resources = m.Resources! with { MemoryRequest = "1Gi" } }), "Resources.MemoryRequest", "above the limit" },
        { "overlay quantity", With(m => m with { Overlays = [new EnvironmentOverlayModel("qa") { Resources = new ResourcesModel { CpuLimit = "2 cores" } }] }), "Overlays[0].Resources.CpuLimit", "\"2 cores\"" },
        { "uppercase name", With(m => m with { Name = "Orders" }), "Name", "\"Orders\"" },
        { "name from digits", Valid with { AssemblyName = "2048.Game", Model = Valid.Model with { Name = null } }, "Name", "\"2048-game\"" },
        { "namespace with dot", With(m => m with { Namespace = "shop.orders" }), "Namespace", "\"shop.orders\"" },
        { "image repository with tag", With(m => m with { ImageRepository = "registry.example.com/orders:1.0" }), "ImageRepository", "ImageTag" },
        { "bad image tag", With(m => m with { ImageTag = "-latest" }), "ImageTag", "\"-latest\"" },
        { "long port name", With(m => m with { Ports = [m.Ports[0] with { Name = "management-endpoint" }, m.Ports[1]] }), "Ports[0].Name", "15" },
        { "port name without letter", With(m => m with { Ports = [m.Ports[0] with { Name = "8080" }, m.Ports[1]] }), "Ports[0].Name", "at least one letter" },
        { "duplicate port name", With(m => m with { Ports = [m.Ports[0], m.Ports[1] with { Name = "http" }] }), "Ports[1].Name", "twice" },
        { "port out of range", With(m => m with { Ports = [m.Ports[0] with { Port = 70000 }, m.Ports[1]] }), "Ports[0].Port", "1 to 65535" },
        { "privileged port", With(m => m with { Ports = [m.Ports[0] with { Port = 80 }, m.Ports[1]] }), "Ports[0].Port", "8080" },
        { "lowercase protocol", With(m => m with { Ports = [m.Ports[0] with { Protocol = "tcp" }, m.Ports[1]] }), "Ports[0].Protocol", "uppercase" },
        { "two management ports", With(m => m with { Ports = [m.Ports[0] with { Management = true }, m.Ports[1]] }), "Ports", "Management" },
        { "undeclared probe port", With(m => m with { Readiness = m.Readiness! with { Port = "health" } }), "Readiness.Port", "\"health\"" },
        { "probe without ports", With(m => m with { Ports = [], Ingress = null }), "Liveness.Port", "no ports" },
        { "relative probe path", With(m => m with { Liveness = m.Liveness! with { Path = "health" } }), "Liveness.Path", "'/'" },
        { "zero probe timeout", With(m => m with { Startup = m.Startup! with { TimeoutSeconds = 0 } }), "Startup.TimeoutSeconds", "at least 1" },
        { "zero probe period", With(m => m with { Liveness = m.Liveness! with { PeriodSeconds = 0 } }), "Liveness.PeriodSeconds", "at least 1" },
        { "env name with space", With(m => m with { Environment = [new EnvironmentVariableModel("Batch Size", "1")] }), "Environment[0].Name", "\"Batch Size\"" },
        { "env name with equals", With(m => m with { Environment = [new EnvironmentVariableModel("A=B", "1")] }), "Environment[0].Name", "\"A=B\"" },
        { "env declared twice", With(m => m with { Environment = [new EnvironmentVariableModel("ConnectionStrings__Orders", "x")] }), "SecretEnvironment[0].Name", "twice" },
        { "password in plain env", With(m => m with { Environment = [new EnvironmentVariableModel("Db__Password", "hunter2")] }), "Environment[0].Value", "Secret" },
        { "connection string with password", With(m => m with { Environment = [new EnvironmentVariableModel("ConnectionStrings__Db", "Host=db;Password=hunter2")] }), "Environment[0].Value", "Secret" },
        { "secret name uppercase", With(m => m with { SecretEnvironment = [new SecretEnvironmentVariableModel("Db", "OrdersDb", "cs")] }), "SecretEnvironment[0].SecretName", "\"OrdersDb\"" },
        { "secret key with slash", With(m => m with { SecretEnvironment = [new SecretEnvironmentVariableModel("Db", "orders-db", "a/b")] }), "SecretEnvironment[0].Key", "\"a/b\"" },
        { "configmap name", With(m => m with { ConfigMaps = [new ConfigMapModel("Orders_Settings")] }), "ConfigMaps[0].Name", "\"Orders_Settings\"" },
        { "mount over the app", With(m => m with { SecretVolumes = [new SecretVolumeModel("orders-db", "/app")] }), "SecretVolumes[0].MountPath", "/app" },
        { "relative mount path", With(m => m with { ConfigMaps = [new ConfigMapModel("orders-rules") { MountPath = "rules" }] }), "ConfigMaps[0].MountPath", "absolute" },
        { "same mount path twice", With(m => m with { ConfigMaps = [new ConfigMapModel("orders-rules") { MountPath = "/app/secrets/signing" }] }), "ConfigMaps[0].MountPath", "Two volumes" },
        { "zero shutdown timeout", With(m => m with { Shutdown = new ShutdownModel { ShutdownTimeoutSeconds = 0 } }), "Shutdown.ShutdownTimeoutSeconds", "at least 1" },
        { "negative drain", With(m => m with { Shutdown = new ShutdownModel { DrainDelaySeconds = -1 } }), "Shutdown.DrainDelaySeconds", "negative" },
        { "autoscaling max below min", With(m => m with { Autoscaling = m.Autoscaling! with { MaxReplicas = 2 } }), "Autoscaling.MaxReplicas", "below MinReplicas" },
        { "cpu target without request", With(m => m with { Resources = m.Resources! with { CpuRequest = null } }), "Autoscaling.CpuUtilization", "Resources.CpuRequest" },
        { "budget with both", With(m => m with { DisruptionBudget = new DisruptionBudgetModel { MinAvailable = "1", MaxUnavailable = "1" } }), "DisruptionBudget", "exactly one" },
        { "budget percent over 100", With(m => m with { DisruptionBudget = new DisruptionBudgetModel { MaxUnavailable = "150%" } }), "DisruptionBudget.MaxUnavailable", "\"150%\"" },
        { "budget that blocks drains", With(m => m with { DisruptionBudget = new DisruptionBudgetModel { MinAvailable = "3" } }), "DisruptionBudget.MinAvailable", "drains" },
        { "ingress host with scheme", With(m => m with { Ingress = m.Ingress! with { Host = "https://orders.example.com" } }), "Ingress.Host", "no scheme" },
        { "ingress without app port", With(m => m with { Ports = [m.Ports[1]], Liveness = null, Readiness = null, Startup = null }), "Ingress", "TCP port" },
        { "network policy selector", With(m => m with { NetworkPolicy = new NetworkPolicyModel { AllowFromPodLabels = ["app"] } }), "NetworkPolicy.AllowFromPodLabels[0]", "key=value" },
        { "root user", With(m => m with { Security = new SecurityModel { RunAsUser = 0 } }), "Security.RunAsUser", "root" },
        { "duplicate overlay", With(m => m with { Overlays = [new EnvironmentOverlayModel("qa"), new EnvironmentOverlayModel("QA")] }), "Overlays[1].Name", "twice" },
        { "overlay name", With(m => m with { Overlays = [new EnvironmentOverlayModel("pre prod")] }), "Overlays[0].Name", "\"pre prod\"" },
        { "overlay min without autoscaling", With(m => m with { Autoscaling = null, Overlays = [new EnvironmentOverlayModel("qa") { MinReplicas = 2 }] }), "Overlays[0].MinReplicas", "no Autoscaling" },
        { "invalid appsettings", Valid with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Staging"] = "{ \"Orders\": " } }, "AppSettingsByEnvironment[Staging]", "not valid JSON" },
        { "password in appsettings", Valid with { AppSettingsByEnvironment = new Dictionary<string, string> { ["Production"] = "{ \"Db\": { \"Password\": \"hunter2\" } }" } }, "AppSettingsByEnvironment[Production]", "\"Db:Password\"" },
        { "old framework", Valid with { TargetFramework = "net6.0" }, "TargetFramework", "net8.0" },
        { "not a framework", Valid with { TargetFramework = "netstandard2.0" }, "TargetFramework", "\"netstandard2.0\"" },
        { "empty assembly name", Valid with { AssemblyName = "" }, "AssemblyName", "empty" },
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
        var request = With(m => m with
        {
            Name = "Orders_Api",
            Resources = m.Resources! with { MemoryLimit = "1gb" },
            Readiness = m.Readiness! with { Port = "nope" },
        });

        var properties = DeployArtifacts.Create(request).Errors.Select(e => e.Property).ToHashSet();

        Assert.Superset(new HashSet<string> { "Name", "Resources.MemoryLimit", "Readiness.Port" }, properties);
    }

    [Fact]
    public void SecretValuesAreNotRepeatedInMessages()
    {
        var request = With(m => m with { Environment = [new EnvironmentVariableModel("ConnectionStrings__Db", "Host=db;Password=hunter2")] });

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
