using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ClusterReady.Manifests;

/// <summary>
/// Turns typed objects into the YAML text of the artifacts. An object is first serialized to JSON by its own
/// serializer (KubernetesClient's <see cref="KubernetesJson"/> for Kubernetes objects, a source-generated context for
/// Kustomize files), and the JSON is then written as block YAML with YamlDotNet's emitter. No reflection-based YAML
/// serializer is involved: KubernetesClient's one builds a map of every model type on first use (about 0.4 s of every
/// build step), and neither it nor YamlDotNet's reflection serializer survives Native AOT.
/// </summary>
internal static partial class YamlText
{
    /// <summary>A Kubernetes object (with apiVersion and kind), in the JSON form of the client library's own serializer.</summary>
    /// <exception cref="InvalidOperationException">The YAML would not read back as the object.</exception>
    public static string FromKubernetesObject(object value)
    {
        var kind = value switch { IKubernetesObject o => o.Kind, HttpRoute route => route.Kind, _ => value.GetType().Name };
        return FromJson(ObjectJson(value), $"the {kind}", "look for leading or trailing tabs or control characters in the attribute values");
    }

    /// <summary>
    /// A Kubernetes object as JSON: the client library's serializer for its own types, a source-generated context for the
    /// Gateway API's (which the library does not have).
    /// </summary>
    public static string ObjectJson(object value) => value is HttpRoute route
        ? JsonSerializer.Serialize(route, GatewayApiJsonContext.Default.HttpRoute)
        : KubernetesJson.Serialize(value);

    /// <summary>A Kustomize file (Kustomize has no types in the Kubernetes client library).</summary>
    /// <exception cref="InvalidOperationException">The YAML would not read back as the object.</exception>
    public static string FromKustomizeObject<T>(T value, JsonTypeInfo<T> typeInfo) =>
        FromJson(JsonSerializer.Serialize(value, typeInfo), "a kustomization", "look for leading or trailing tabs or control characters in the image or label values");

    /// <summary>
    /// Writes JSON as YAML, then reads the YAML back the way a YAML 1.1 reader (kubectl, Kustomize) would and
    /// compares: the emitter silently drops some whitespace (a trailing tab, for one), and rather than deploy a
    /// changed value the step fails.
    /// </summary>
    internal static string FromJson(string json, string what, string hint)
    {
        using var document = JsonDocument.Parse(json);
        var yaml = Write(document.RootElement);
        if (!string.Equals(ReadBackAsJson(yaml), InYamlOrder(document.RootElement), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"A value of {what} does not read back from YAML as written; {hint}.");
        }

        return yaml;
    }

    private static string Write(JsonElement root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        WriteValue(emitter, root, isRoot: true);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>
    /// The object's properties as written: at the top, <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> come
    /// first, as in kubectl's output and every Kubernetes example; the rest keep the serializer's order.
    /// </summary>
    private static IEnumerable<JsonProperty> Properties(JsonElement element, bool isRoot)
    {
        if (!isRoot)
        {
            return element.EnumerateObject();
        }

        return element.EnumerateObject().OrderBy(property => property.Name switch
        {
            "apiVersion" => 0,
            "kind" => 1,
            "metadata" => 2,
            _ => 3,
        });
    }

    /// <summary>The JSON text of <paramref name="root"/> with its properties in the order <see cref="Write"/> uses.</summary>
    private static string InYamlOrder(JsonElement root) => root.ValueKind != JsonValueKind.Object ? JsonText(root.WriteTo) : JsonText(writer =>
    {
        writer.WriteStartObject();
        foreach (var property in Properties(root, isRoot: true))
        {
            property.WriteTo(writer);
        }

        writer.WriteEndObject();
    });

    /// <summary>
    /// The JSON text that <paramref name="write"/> writes; by default with the default encoder, as the serializers use.
    /// </summary>
    internal static string JsonText(Action<Utf8JsonWriter> write, JsonWriterOptions options = default)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteValue(IEmitter emitter, JsonElement element, bool isRoot = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                emitter.Emit(new MappingStart(null, null, isImplicit: true, MappingStyle.Block));
                foreach (var property in Properties(element, isRoot))
                {
                    WriteString(emitter, property.Name);
                    WriteValue(emitter, property.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
                foreach (var item in element.EnumerateArray())
                {
                    WriteValue(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                WriteString(emitter, element.GetString()!);
                break;
            default:
                // Numbers, true, false and null: their JSON text is also their plain YAML form.
                emitter.Emit(new Scalar(null, null, element.GetRawText(), ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
                break;
        }
    }

    private static void WriteString(IEmitter emitter, string value)
    {
        var style = IsAmbiguous(value) ? ScalarStyle.DoubleQuoted
            : value.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(null, null, value, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    /// <summary>
    /// Reads YAML text back into JSON text, resolving plain scalars as kubectl does. A plain scalar that a YAML 1.1
    /// reader would take for a number, boolean, null or timestamp but that the JSON form cannot tell apart from a
    /// string makes the texts differ, so the comparison fails rather than deploy a value that changed type.
    /// </summary>
    private static string ReadBackAsJson(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        try
        {
            return JsonText(writer =>
            {
                parser.Consume<StreamStart>();
                parser.Consume<DocumentStart>();
                ReadValue(parser, writer, isKey: false);
                parser.Consume<DocumentEnd>();
                parser.Consume<StreamEnd>();
            });
        }
        catch (Exception exception) when (exception is YamlException or InvalidOperationException or JsonException)
        {
            return "";
        }
    }

    private static void ReadValue(IParser parser, Utf8JsonWriter writer, bool isKey)
    {
        if (parser.TryConsume<MappingStart>(out _))
        {
            writer.WriteStartObject();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                ReadValue(parser, writer, isKey: true);
                ReadValue(parser, writer, isKey: false);
            }

            writer.WriteEndObject();
            return;
        }

        if (parser.TryConsume<SequenceStart>(out _))
        {
            writer.WriteStartArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                ReadValue(parser, writer, isKey: false);
            }

            writer.WriteEndArray();
            return;
        }

        var scalar = parser.Consume<Scalar>();
        if (isKey)
        {
            if (scalar.Style == ScalarStyle.Plain && IsAmbiguous(scalar.Value))
            {
                throw new InvalidOperationException($"The key '{scalar.Value}' would not read back as a string.");
            }

            writer.WritePropertyName(scalar.Value);
        }
        else if (scalar.Style != ScalarStyle.Plain)
        {
            writer.WriteStringValue(scalar.Value);
        }
        else if (scalar.Value is "true" or "false" or "null" || JsonNumber().IsMatch(scalar.Value))
        {
            writer.WriteRawValue(scalar.Value);
        }
        else if (IsAmbiguous(scalar.Value))
        {
            throw new InvalidOperationException($"The plain value '{scalar.Value}' would not read back as a string.");
        }
        else
        {
            writer.WriteStringValue(scalar.Value);
        }
    }

    /// <summary>
    /// True for a string that a YAML 1.1 or 1.2 reader would not take as a string when written plain: kubectl and
    /// Kustomize read YAML 1.1, where <c>0x1F</c>, <c>+1</c>, <c>1_000</c>, <c>.inf</c>, <c>yes</c> or
    /// <c>2024-01-01</c> are numbers, booleans or timestamps. Such strings are written in double quotes.
    /// </summary>
    internal static bool IsAmbiguous(string value) =>
        value.Length == 0
        || Yaml11Word().IsMatch(value)
        || Yaml11Number().IsMatch(value.Replace("_", "", StringComparison.Ordinal))
        || Yaml11TimestampOrSexagesimal().IsMatch(value);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    [GeneratedRegex(@"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<|=|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Yaml11Word();

    [GeneratedRegex(@"^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+|([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?|0[xX][0-9a-fA-F]*(\.[0-9a-fA-F]*)?[pP][-+]?[0-9]+)$")]
    private static partial Regex Yaml11Number();

    [GeneratedRegex(@"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$)")]
    private static partial Regex Yaml11TimestampOrSexagesimal();
}
