using System;
using System.Collections.Generic;

namespace ClusterReady.Model.Declaration;

/// <summary>The kind of value an attribute argument holds, as the compiler bound it.</summary>
internal enum ArgumentKind
{
    /// <summary>A value the rules cannot read (an error type, an enum, a type).</summary>
    Other,
    String,
    Int,
    Long,
    Bool,
    /// <summary>An array of strings (elements that are not strings read as null).</summary>
    Strings,
    /// <summary>A null constant.</summary>
    Null,
}

/// <summary>
/// One argument of a ClusterReady attribute as written: a constructor argument under its parameter's name, or a named
/// argument. <see cref="Written"/> is false for a constructor parameter left to its default.
/// </summary>
internal sealed record DeclaredArgument(
    string Name,
    ArgumentKind Kind,
    string? Text = null,
    long Number = 0,
    bool Flag = false,
    EquatableArray<NullableString> Items = default,
    bool Written = true,
    bool IsConstructorArgument = false,
    bool IsNullLiteral = false,
    int WrittenElements = 0);

/// <summary>
/// A string that may be null, with value equality (for <see cref="EquatableArray{T}"/>). A class, not a struct: the
/// compiler runs this code, and generic collections over a struct of ours (<c>List&lt;NullableString&gt;</c>) have no
/// precompiled code anywhere, so every build would JIT-compile them (docs/benchmarks.md, "The compiler's cold compile").
/// </summary>
internal sealed record NullableString(string? Value);

/// <summary>
/// One ClusterReady attribute on the service class, as plain data: what the generator embeds, what the rules read,
/// and (by <see cref="Ordinal"/>) where the analyzers place a finding. Reads values as tolerantly as the generator does:
/// a value of the wrong type or a missing argument reads as "not set" (null) and never throws.
/// </summary>
internal sealed record DeclaredAttribute(string MetadataName, int Ordinal, EquatableArray<DeclaredArgument> Arguments)
{
    /// <summary>The attribute's name as written without the suffix, e.g. <c>Resources</c>.</summary>
    public string ShortName => MetadataName.Substring(MetadataName.LastIndexOf('.') + 1).Replace("Attribute", "");

    /// <summary>The attribute's name as the user reads it, e.g. <c>[Resources]</c>.</summary>
    public string DisplayName => "[" + ShortName + "]";

    /// <summary>This attribute as the reader of its values (the rules' spelling: <c>attribute.Read.Int("Replicas")</c>).</summary>
    public DeclaredAttribute Read => this;

    /// <summary>The whole attribute.</summary>
    public Site Location => new(Ordinal, null, -1);

    /// <summary>"Resources.MemoryLimit": the attribute and property a message names.</summary>
    public string Property(string name) => ShortName + "." + name;

    /// <summary>Where the argument that sets <paramref name="name"/> is written; the whole attribute when it is not written.</summary>
    public Site LocationOf(string name) => Find(name) is { Written: true } ? new Site(Ordinal, name, -1) : Location;

    /// <summary>True when the argument is written in source (named or positional), not left to its default.</summary>
    public bool IsWritten(string name) => Find(name) is { Written: true };

    public string? String(string name) => Find(name) is { Kind: ArgumentKind.String } argument ? argument.Text : null;

    public int? Int(string name) => Find(name) is { Kind: ArgumentKind.Int } argument ? (int)argument.Number : null;

    public long? Long(string name) => Find(name) is { Kind: ArgumentKind.Int or ArgumentKind.Long } argument ? argument.Number : null;

    public bool? Bool(string name) => Find(name) is { Kind: ArgumentKind.Bool } argument ? argument.Flag : null;

    /// <summary>The string elements of an array argument, skipping the elements that are not strings.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        var values = new List<string>();
        foreach (var item in Elements(Find(name)))
        {
            if (item is not null)
            {
                values.Add(item);
            }
        }

        return values;
    }

    /// <summary>The string elements of an array named argument, in order, null for an element that is not a string.</summary>
    public IReadOnlyList<string?> StringElements(string name) =>
        Find(name) is { IsConstructorArgument: false } argument ? Elements(argument) : Array.Empty<string?>();

    private static IReadOnlyList<string?> Elements(DeclaredArgument? argument)
    {
        if (argument is not { Kind: ArgumentKind.Strings })
        {
            return Array.Empty<string?>();
        }

        var values = new List<string?>(argument.Items.Count);
        foreach (var item in argument.Items)
        {
            values.Add(item.Value);
        }

        return values;
    }

    /// <summary>
    /// A required string argument: its value, "" for an explicit null (the generator writes "" for it), or null when
    /// the argument is missing or not a string (the compiler reports that).
    /// </summary>
    public string? RequiredString(string name) =>
        String(name) ?? (Find(name) is { IsNullLiteral: true } ? "" : null);

    /// <summary>Where each element of an array argument is written (for <c>AllowFromPodLabels = ["a=b", ...]</c>); empty when not a literal.</summary>
    public IReadOnlyList<Site> ElementLocations(string name)
    {
        var count = Find(name) is { Written: true } argument ? argument.WrittenElements : 0;
        var sites = new Site[count];
        for (var i = 0; i < count; i++)
        {
            sites[i] = new Site(Ordinal, name, i);
        }

        return sites;
    }

    /// <summary>A constructor argument (matched by parameter name, ignoring case) or a named argument.</summary>
    private DeclaredArgument? Find(string name)
    {
        foreach (var argument in Arguments)
        {
            if (argument.IsConstructorArgument && string.Equals(argument.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return argument;
            }
        }

        foreach (var argument in Arguments)
        {
            if (!argument.IsConstructorArgument && argument.Name == name)
            {
                return argument;
            }
        }

        return null;
    }
}

/// <summary>
/// Where a finding is: the attribute (by its place among the class's ClusterReady attributes), the argument, and the
/// element of an array argument. The analyzers turn it into a source location; the build step names it.
/// </summary>
/// <param name="Attribute">The attribute's ordinal; -1 for the class itself.</param>
/// <param name="Argument">The argument's name, or null for the whole attribute.</param>
/// <param name="Element">The element of an array argument, or -1.</param>
internal readonly record struct Site(int Attribute, string? Argument, int Element);
