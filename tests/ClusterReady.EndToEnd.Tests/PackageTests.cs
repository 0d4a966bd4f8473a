using System.IO.Compression;
using System.Xml.Linq;
using ClusterReady.EndToEnd.Tests.Infrastructure;

namespace ClusterReady.EndToEnd.Tests;

/// <summary>The package as a user gets it: packed, referenced from a feed by apps made from the SDK templates.</summary>
[Collection(DotnetCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PackageTests(PackagedApps apps)
{
    [Fact]
    public void The_package_carries_attributes_runtime_generator_targets_and_tool()
    {
        var entries = PackagedApps.Entries(apps.PackagePath);

        Assert.Contains("lib/net10.0/ClusterReady.Abstractions.dll", entries);
        Assert.Contains("lib/net10.0/ClusterReady.Model.dll", entries);
        Assert.Contains("lib/net10.0/ClusterReady.Hosting.dll", entries);
        Assert.Contains("lib-aspnetcore/net10.0/ClusterReady.Hosting.AspNetCore.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/ClusterReady.Generators.dll", entries);
        Assert.Contains("build/ClusterReady.props", entries);
        Assert.Contains("build/ClusterReady.targets", entries);
        Assert.Contains("buildTransitive/ClusterReady.targets", entries);
        Assert.Contains("tools/net10.0/ClusterReady.Tool.dll", entries);
        Assert.Contains("tools/net10.0/KubernetesClient.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("AspNetCore", StringComparison.Ordinal));

        using var zip = ZipFile.OpenRead(apps.PackagePath);
        using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!).ToList();
        Assert.Contains("Microsoft.Extensions.Hosting", dependencies);
        Assert.Contains("Microsoft.Extensions.Diagnostics.HealthChecks", dependencies);
        Assert.DoesNotContain(dependencies, d => d.StartsWith("ClusterReady", StringComparison.Ordinal));
        Assert.DoesNotContain(dependencies, d => d.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("web", "ShopApi", "shop-api", "aspnet")]
    [InlineData("worker", "ShopWorker", "shop-worker", "runtime")]
    public void A_new_app_from_the_sdk_template_publishes_its_deploy_folder(string template, string name, string service, string image)
    {
        var publish = apps.Publish(template, name);
        var deploy = new DeployFolder(publish, name);

        Assert.Contains($"FROM mcr.microsoft.com/dotnet/{image}:10.0", deploy.Read("Dockerfile"));
        Assert.Equal(service, deploy.Deployment.Metadata.Name);
        Assert.Equal(service, deploy.Model.Name);
        var container = deploy.Deployment.Spec.Template.Spec.Containers.Single();
        Assert.Equal("/healthz/ready", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("management", container.ReadinessProbe.HttpGet.Port.Value);

        // The runtime came with the package: web apps get the ASP.NET Core half, workers do not.
        Assert.True(File.Exists(Path.Combine(publish, "ClusterReady.Hosting.dll")));
        Assert.Equal(template == "web", File.Exists(Path.Combine(publish, "ClusterReady.Hosting.AspNetCore.dll")));
        Assert.False(File.Exists(Path.Combine(publish, "ClusterReady.Generators.dll")), "the generator must not ship with the app");

        SchemaValidator.AssertValid(Path.Combine(deploy.Root, "kubernetes"));
    }
}
