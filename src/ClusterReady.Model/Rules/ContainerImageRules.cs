using System;
using System.Collections.Generic;
using System.Globalization;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model.Rules;

/// <summary>The image reference: a repository without tag or digest, a valid tag, and no moving "latest".</summary>
internal static class ContainerImageRules
{
    /// <summary>The rules this group can report.</summary>
    public static readonly Rule[] Rules =
    {
        RuleCatalog.RepositoryWithTag,
        RuleCatalog.InvalidImageReference,
        RuleCatalog.LatestTag,
    };

    /// <summary>Diagnostic property: the repository without its tag, for the code fix.</summary>
    internal const string RepositoryProperty = "Repository";

    /// <summary>Diagnostic property: the tag moved out of the repository, for the code fix.</summary>
    internal const string TagProperty = "Tag";

    private const string RepositoryRule = "use lowercase path components, optionally after a registry host, such as \"registry.example.com/team/orders-api\"";
    private const string TagRule = "use at most 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";

    public static void Check(RuleContext context)
    {
        if (context.Service.Single(KnownAttributes.ContainerImage) is { } image)
        {
            // A null repository means the default (the service name), like an unset one.
            if (image.Read.String("Repository") is { } repository)
            {
                CheckRepository(context, image, repository);
            }

            CheckTag(context, image, "Tag", image.Read.String("Tag"));
        }

        // Each environment's tag: the overlay's, else the base's (judged above).
        foreach (var environment in context.Environments)
        {
            if (environment.Sets("ImageTag"))
            {
                CheckTag(context, environment.Overlay, "ImageTag", environment.Model.ImageTag);
            }
        }
    }

    private static void CheckRepository(RuleContext context, DeclaredAttribute image, string repository)
    {
        if (NameRules.IsImageRepository(repository))
        {
            return;
        }

        var at = repository.IndexOf('@');
        if (at >= 0)
        {
            context.Report(
                RuleCatalog.InvalidImageReference, image.LocationOf("Repository"), "ContainerImage.Repository", repository, "repository",
                "a digest cannot be part of the repository; remove \"" + repository.Substring(at) + "\" and pin the version with Tag");
            return;
        }

        // A ':' after the last '/' starts a tag ("orders-api:1.2"); one before it is a registry port ("host:5000/orders-api").
        var colon = repository.LastIndexOf(':');
        if (colon > repository.LastIndexOf('/') && colon > 0)
        {
            var bare = repository.Substring(0, colon);
            var tag = repository.Substring(colon + 1);
            if (NameRules.IsImageRepository(bare) && NameRules.IsImageTag(tag))
            {
                var properties = FindingProperties.Empty.Add(RepositoryProperty, bare).Add(TagProperty, tag);
                context.Report(RuleCatalog.RepositoryWithTag, image.LocationOf("Repository"), properties, repository, "tag", tag, bare);
                return;
            }
        }

        var lowered = NameRules.LowerAscii(repository.Trim());
        var fix = lowered != repository && NameRules.IsImageRepository(lowered) ? lowered : null;
        context.Report(
            RuleCatalog.InvalidImageReference, image.LocationOf("Repository"),
            FindingProperties.Replacement(fix),
            "ContainerImage.Repository", repository, "repository", RepositoryRule);
    }

    private static void CheckTag(RuleContext context, DeclaredAttribute attribute, string property, string? value)
    {
        if (value is not { } tag)
        {
            return;
        }

        if (!NameRules.IsImageTag(tag))
        {
            context.Report(RuleCatalog.InvalidImageReference, attribute.LocationOf(property), attribute.Property(property), tag, "tag", TagRule);
        }
        else if (string.Equals(tag, "latest", StringComparison.Ordinal))
        {
            context.Report(RuleCatalog.LatestTag, attribute.LocationOf(property), attribute.Property(property));
        }
    }
}
