using ClusterReady.Model.Declaration;

namespace ClusterReady.Model.Contract;

/// <summary>
/// The one contract between the compiler and everything after it: the attributes as declared, as JSON, embedded as
/// <c>AssemblyMetadata("ClusterReady.Declaration", json)</c>. The build step runs the very rules the analyzers ran on
/// it, and resolves the model from it with the very resolver the generator used. The member names are declared here
/// once, for the writer and the reader; the schema version is checked.
/// </summary>
internal static partial class DeclarationJson
{
    /// <summary>The assembly metadata key that carries the declaration.</summary>
    public const string MetadataKey = "ClusterReady.Declaration";

    /// <summary>Version of this contract; a reader refuses another.</summary>
    public const int SchemaVersion = 1;

    internal const string SchemaVersionMember = "schemaVersion";
    internal const string TypeNameMember = "typeName";
    internal const string WebAppMember = "webApp";
    internal const string AssemblyNameMember = "assemblyName";
    internal const string AttributesMember = "attributes";
    internal const string NameMember = "name";
    internal const string ArgumentsMember = "arguments";
    internal const string KindMember = "kind";
    internal const string TextMember = "text";
    internal const string NumberMember = "number";
    internal const string FlagMember = "flag";
    internal const string ItemsMember = "items";
    internal const string WrittenMember = "written";
    internal const string ConstructorMember = "constructor";
    internal const string NullLiteralMember = "nullLiteral";
    internal const string ElementsMember = "elements";

    /// <summary>Writes <paramref name="declaration"/>; the generator embeds the result.</summary>
    public static string Write(ServiceDeclaration declaration)
    {
        var json = new JsonWriter();
        json.StartObject()
            .Number(SchemaVersionMember, SchemaVersion)
            .String(TypeNameMember, declaration.TypeName)
            .Boolean(WebAppMember, declaration.App.IsWebApp)
            .String(AssemblyNameMember, declaration.App.AssemblyName)
            .StartArray(AttributesMember);
        foreach (var attribute in declaration.Attributes)
        {
            json.StartObject().String(NameMember, attribute.MetadataName).StartArray(ArgumentsMember);
            foreach (var argument in attribute.Arguments)
            {
                json.StartObject()
                    .String(NameMember, argument.Name)
                    .Number(KindMember, (int)argument.Kind)
                    .String(TextMember, argument.Text)
                    .Number(NumberMember, argument.Number)
                    .Boolean(FlagMember, argument.Flag)
                    .Boolean(WrittenMember, argument.Written)
                    .Boolean(ConstructorMember, argument.IsConstructorArgument)
                    .Boolean(NullLiteralMember, argument.IsNullLiteral)
                    .Number(ElementsMember, argument.WrittenElements);
                if (argument.Kind == ArgumentKind.Strings)
                {
                    json.StartArray(ItemsMember);
                    foreach (var item in argument.Items)
                    {
                        if (item.Value is null)
                        {
                            json.Null(null);
                        }
                        else
                        {
                            json.String(null, item.Value);
                        }
                    }

                    json.EndArray();
                }

                json.EndObject();
            }

            json.EndArray().EndObject();
        }

        return json.EndArray().EndObject().ToString();
    }
}
