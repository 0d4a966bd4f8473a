using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ClusterReady.Generators.Parsing;

/// <summary>
/// Reads constructor and named arguments of one attribute tolerantly: a value of the wrong type, an error type
/// or a missing argument reads as "not set" (null) and never throws. Analyzers report what is wrong.
/// </summary>
internal readonly struct AttributeReader
{
    private readonly AttributeData _attribute;

    public AttributeReader(AttributeData attribute) => _attribute = attribute;

    /// <summary>The constructor parameter names of the bound constructor, in order (empty when it did not bind).</summary>
    private ImmutableArray<IParameterSymbol> Parameters =>
        _attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;

    public string? String(string name) => Get(name) is { Kind: TypedConstantKind.Primitive, Value: string s } ? s : null;

    public int? Int(string name) => Get(name) is { Kind: TypedConstantKind.Primitive, Value: int i } ? i : null;

    public long? Long(string name) => Get(name) switch
    {
        { Kind: TypedConstantKind.Primitive, Value: long l } => l,
        { Kind: TypedConstantKind.Primitive, Value: int i } => i,
        _ => null,
    };

    public bool? Bool(string name) => Get(name) is { Kind: TypedConstantKind.Primitive, Value: bool b } ? b : null;

    public IReadOnlyList<string> Strings(string name)
    {
        if (Get(name) is not { Kind: TypedConstantKind.Array, IsNull: false } constant)
        {
            return System.Array.Empty<string>();
        }

        var values = new List<string>(constant.Values.Length);
        foreach (var item in constant.Values)
        {
            if (item.Value is string s)
            {
                values.Add(s);
            }
        }

        return values;
    }

    /// <summary>A constructor argument (matched by parameter name) or a named argument.</summary>
    private TypedConstant? Get(string name)
    {
        var parameters = Parameters;
        var arguments = _attribute.ConstructorArguments;
        for (var i = 0; i < parameters.Length && i < arguments.Length; i++)
        {
            if (string.Equals(parameters[i].Name, name, System.StringComparison.OrdinalIgnoreCase))
            {
                return arguments[i];
            }
        }

        foreach (var named in _attribute.NamedArguments)
        {
            if (named.Key == name)
            {
                return named.Value;
            }
        }

        return null;
    }
}
