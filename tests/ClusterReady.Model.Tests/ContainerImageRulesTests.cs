using ClusterReady.Model.Declaration;
using ClusterReady.Model.Rules;

namespace ClusterReady.Model.Tests;

/// <summary>
/// The container image rules' verdicts as a user reads them: a tag or digest inside the repository, an invalid
/// repository (with its lowercase form for the code fix when that is one), an invalid tag and the moving "latest" tag,
/// on the base and on each overlay's ImageTag, with each finding's whole message, site and code-fix data, on
/// declarations built without compiling source. The analyzers report the same findings (ContainerImageAnalyzerTests,
/// EnvironmentsAnalyzerTests); the grammar itself is ImageReferenceGrammarTests'.
/// </summary>
public sealed class ContainerImageRulesTests
{
    private const string RepositoryAdvice = "use lowercase path components, optionally after a registry host, such as \"registry.example.com/team/orders-api\"";

    private const string LatestAdvice = " = \"latest\" makes every node pull whatever was pushed last, so a rollback does not roll back: use the app's version (leave Tag unset) or a digest";

    private const string TagAdvice = "use at most 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";

    [Theory]
    [InlineData("orders-api")]
    [InlineData("registry.example.com/team/orders-api")]
    [InlineData("registry.example.com:5000/shop/orders-api")]
    [InlineData("localhost:5000/a__b/c-d--e/f.g")]
    public void A_valid_repository_is_no_finding(string repository) =>
        Assert.Empty(Findings(Image(repository, tag: "1.4.2")));

    [Fact]
    public void No_image_no_repository_and_no_tag_are_no_finding()
    {
        Assert.Empty(Findings());
        Assert.Empty(Findings(("ContainerImage", [])));
        Assert.Empty(Findings(("ContainerImage", [("Repository", 5)])));
    }

    [Theory]
    [InlineData("registry.example.com:5000/shop/orders-api:1.4.2", "registry.example.com:5000/shop/orders-api", "1.4.2")]
    [InlineData("orders-api:latest", "orders-api", "latest")]
    [InlineData("acme/orders:v1_rc-2", "acme/orders", "v1_rc-2")]
    public void A_tag_inside_the_repository_is_moved_to_Tag(string repository, string bare, string tag)
    {
        var finding = AssertFinding(
            RuleCatalog.RepositoryWithTag, new Site(1, "Repository", -1),
            $"ContainerImage repository \"{repository}\" includes the tag \"{tag}\", so overlays and the version cannot set the tag: " +
            $"write [ContainerImage(\"{bare}\", Tag = \"{tag}\")]",
            Image(repository));

        Assert.Equal((bare, tag), (finding.Properties[ContainerImageRules.RepositoryProperty], finding.Properties[ContainerImageRules.TagProperty]));
        Assert.Equal(2, finding.Properties.Count);
    }

    [Theory]
    [InlineData("acme/orders@sha256:abc", "@sha256:abc")]
    [InlineData("registry.example.com:5000/orders:1.0@sha256:abc", "@sha256:abc")]
    [InlineData("@sha256:abc", "@sha256:abc")]
    public void A_digest_in_the_repository_is_refused_with_what_to_remove(string repository, string digest)
    {
        var finding = AssertFinding(
            RuleCatalog.InvalidImageReference, new Site(1, "Repository", -1),
            $"ContainerImage.Repository = \"{repository}\" is not a valid image repository: a digest cannot be part of the repository; " +
            $"remove \"{digest}\" and pin the version with Tag",
            Image(repository));

        Assert.Empty(finding.Properties);
    }

    [Theory]
    // The lowercase form (trimmed) is offered when it is a repository, and only when it differs.
    [InlineData("Acme/Orders", "acme/orders")]
    [InlineData(" acme/orders ", "acme/orders")]
    [InlineData("Registry.Example.com/Team/Orders-API", "registry.example.com/team/orders-api")]
    [InlineData("acme/orders!", "")]
    [InlineData("ACME/ORDERS!", "")]
    [InlineData("", "")]
    // A ':' before the last '/' is a registry port, not a tag: the reference is judged whole.
    [InlineData("Host:5000/Orders", "host:5000/orders")]
    // A tag that is not one, or a repository before it that is not one: not a misplaced tag.
    [InlineData("acme/orders:has space", "")]
    [InlineData("acme/orders:.hidden", "")]
    [InlineData("Acme/Orders:1.0", "")]
    [InlineData(":1.0", "")]
    public void An_invalid_repository_is_refused_with_its_lowercase_form_when_that_is_one(string repository, string fix)
    {
        var finding = AssertFinding(
            RuleCatalog.InvalidImageReference, new Site(1, "Repository", -1),
            $"ContainerImage.Repository = \"{repository}\" is not a valid image repository: {RepositoryAdvice}",
            Image(repository));

        Assert.Equal(fix, Declarations.Replacements(finding));
    }

    [Theory]
    [InlineData(".hidden")]
    [InlineData("-rc")]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("v1+build")]
    public void An_invalid_tag_is_refused_on_Tag(string tag)
    {
        var finding = AssertFinding(
            RuleCatalog.InvalidImageReference, new Site(1, "Tag", -1),
            $"ContainerImage.Tag = \"{tag}\" is not a valid image tag: {TagAdvice}",
            Image("acme/orders", tag));

        Assert.Equal("", Declarations.Replacements(finding));
    }

    [Fact]
    public void A_tag_of_128_characters_is_valid_and_one_of_129_is_not()
    {
        Assert.Empty(Findings(Image("acme/orders", new string('a', 128))));
        Assert.Equal(RuleCatalog.InvalidImageReference.Id, Assert.Single(Findings(Image("acme/orders", new string('a', 129)))).Rule.Id);
    }

    [Fact]
    public void The_latest_tag_is_advice_on_Tag()
    {
        var finding = AssertFinding(RuleCatalog.LatestTag, new Site(1, "Tag", -1), "ContainerImage.Tag" + LatestAdvice, Image("acme/orders", "latest"));

        Assert.Equal("", Declarations.Replacements(finding));
    }

    [Theory]
    [InlineData("Latest")]
    [InlineData("LATEST")]
    [InlineData("latest-stable")]
    [InlineData("1.2.0")]
    public void Only_latest_itself_is_the_moving_tag(string tag) =>
        Assert.Empty(Findings(Image("acme/orders", tag)));

    [Fact]
    public void An_overlay_tag_is_judged_on_the_overlay()
    {
        var findings = Findings(
            Image("acme/orders", "1.2.0"),
            Overlay("staging", "has space"),
            Overlay("dev", "latest"),
            Overlay("production", "1.3.0"),
            ("EnvironmentOverlay", [("Name", "qa"), ("Replicas", 2)]));

        Assert.Equal(2, findings.Count);
        Assert.Equal(RuleCatalog.InvalidImageReference.Id, findings[0].Rule.Id);
        Assert.Equal($"EnvironmentOverlay.ImageTag = \"has space\" is not a valid image tag: {TagAdvice}", findings[0].Message);
        Assert.Equal(new Site(2, "ImageTag", -1), findings[0].Site);
        Assert.Equal(RuleCatalog.LatestTag.Id, findings[1].Rule.Id);
        Assert.Equal("EnvironmentOverlay.ImageTag" + LatestAdvice, findings[1].Message);
        Assert.Equal(new Site(3, "ImageTag", -1), findings[1].Site);
    }

    [Fact]
    public void A_base_tag_is_judged_once_not_in_each_environment_that_inherits_it()
    {
        var finding = Assert.Single(Findings(Image("acme/orders", "latest"), ("EnvironmentOverlay", [("Name", "staging")]), Overlay("production", "1.2.0")));

        Assert.Equal(new Site(1, "Tag", -1), finding.Site);
    }

    [Fact]
    public void An_overlay_tag_is_judged_without_a_ContainerImage()
    {
        var finding = Assert.Single(Findings(Overlay("dev", ".hidden")));

        Assert.Equal(new Site(1, "ImageTag", -1), finding.Site);
        Assert.Equal($"EnvironmentOverlay.ImageTag = \".hidden\" is not a valid image tag: {TagAdvice}", finding.Message);
    }

    [Fact]
    public void A_repository_and_a_tag_are_each_judged()
    {
        var findings = Findings(Image("Acme/Orders", ".hidden"));

        Assert.Equal([new Site(1, "Repository", -1), new Site(1, "Tag", -1)], findings.Select(f => f.Site));
    }

    private static (string, (string, object)[]) Image(string repository, string? tag = null) =>
        ("ContainerImage", [("Repository", repository), .. tag is null ? Array.Empty<(string, object)>() : [("Tag", tag)]]);

    private static (string, (string, object)[]) Overlay(string name, string imageTag) =>
        ("EnvironmentOverlay", [("Name", name), ("ImageTag", imageTag)]);

    /// <summary>The one finding on the service with <paramref name="attributes"/>: its rule, site and whole message.</summary>
    private static Finding AssertFinding(Rule rule, Site site, string message, params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Declarations.Single(Findings(attributes), rule, site, message);

    private static List<Finding> Findings(params (string Attribute, (string Name, object Value)[] Arguments)[] attributes) =>
        Declarations.Findings(Declarations.Service(attributes), ContainerImageRules.Rules);
}
