using ClusterReady.Model.Declaration;

namespace ClusterReady.Model.Contract;

internal static partial class DeclarationJson
{
    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    /// <exception cref="FormatException">The text is not a declaration of this schema version; the message says where.</exception>
    public static ServiceDeclaration Read(string json)
    {
        var root = ModelJsonNode.Parse(json);
        int? version = null;
        string? typeName = null, assemblyName = null;
        var webApp = false;
        var attributes = new List<DeclaredAttribute>();
        foreach (var (name, value) in Object(root, "$"))
        {
            switch (name)
            {
                case SchemaVersionMember: version = Int(value, name); break;
                case TypeNameMember: typeName = value.String; break;
                case WebAppMember: webApp = value.Kind == ModelJsonKind.True; break;
                case AssemblyNameMember: assemblyName = value.String; break;
                case AttributesMember:
                    foreach (var attribute in Array(value, name))
                    {
                        attributes.Add(Attribute(attribute, attributes.Count));
                    }

                    break;
                default: throw new FormatException($"The ClusterReady declaration has an unknown member '{name}'.");
            }
        }

        if (version != SchemaVersion)
        {
            throw new FormatException(
                $"The ClusterReady declaration has schema version {version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}, " +
                $"and this build step reads version {SchemaVersion}: the generator and the build tool come from different ClusterReady versions.");
        }

        return new ServiceDeclaration(typeName ?? "", new AppFacts(webApp, assemblyName ?? ""), attributes.ToEquatableArray());
    }

    private static DeclaredAttribute Attribute(ModelJsonNode node, int ordinal)
    {
        string? metadataName = null;
        var arguments = new List<DeclaredArgument>();
        foreach (var (name, value) in Object(node, "attribute"))
        {
            if (name == NameMember)
            {
                metadataName = value.String;
            }
            else if (name == ArgumentsMember)
            {
                foreach (var argument in Array(value, name))
                {
                    arguments.Add(Argument(argument));
                }
            }
        }

        return new DeclaredAttribute(metadataName ?? "", ordinal, arguments.ToEquatableArray());
    }

    private static DeclaredArgument Argument(ModelJsonNode node)
    {
        string name = "", text = null!;
        var kind = ArgumentKind.Other;
        long number = 0;
        int elements = 0;
        bool flag = false, written = false, constructor = false, nullLiteral = false;
        var items = new List<NullableString>();
        foreach (var (member, value) in Object(node, "argument"))
        {
            switch (member)
            {
                case NameMember: name = value.String ?? ""; break;
                case KindMember: kind = (ArgumentKind)Int(value, member); break;
                case TextMember: text = value.String!; break;
                case NumberMember: number = value.TryGetInt64(out var n) ? n : 0; break;
                case FlagMember: flag = value.Kind == ModelJsonKind.True; break;
                case WrittenMember: written = value.Kind == ModelJsonKind.True; break;
                case ConstructorMember: constructor = value.Kind == ModelJsonKind.True; break;
                case NullLiteralMember: nullLiteral = value.Kind == ModelJsonKind.True; break;
                case ElementsMember: elements = Int(value, member); break;
                case ItemsMember:
                    foreach (var item in Array(value, member))
                    {
                        items.Add(new NullableString(item.String));
                    }

                    break;
            }
        }

        return new DeclaredArgument(name, kind, text, number, flag, items.ToEquatableArray(), written, constructor, nullLiteral, elements);
    }

    private static IReadOnlyList<KeyValuePair<string, ModelJsonNode>> Object(ModelJsonNode node, string what) =>
        node.Kind == ModelJsonKind.Object ? node.Members : throw new FormatException($"The ClusterReady declaration has an {what} that is not an object.");

    private static IReadOnlyList<ModelJsonNode> Array(ModelJsonNode node, string member) =>
        node.Kind == ModelJsonKind.Array ? node.Items : throw new FormatException($"The ClusterReady declaration's '{member}' is not an array.");

    private static int Int(ModelJsonNode node, string member) =>
        node.TryGetInt32(out var value) ? value : throw new FormatException($"The ClusterReady declaration's '{member}' is not a number.");
}
