using System.Globalization;
using System.Text.RegularExpressions;
using k8s;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ClusterReady.Manifests;

/// <summary>Turns typed objects into the YAML text of the artifacts.</summary>
internal static partial class YamlText
{
    private static readonly ISerializer KustomizeSerializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .DisableAliases()
        .Build();

    private static readonly IDeserializer KustomizeDeserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>A Kubernetes object (with apiVersion and kind), serialized by the client library's own serializer.</summary>
    /// <exception cref="InvalidOperationException">The YAML would not read back as the object.</exception>
    public static string FromKubernetesObject(object value)
    {
        var yaml = QuoteAmbiguousScalars(KubernetesYaml.Serialize(value));

        // The emitter silently drops some whitespace (a trailing tab, for one): rather than deploy a changed value,
        // every file is read back and compared with the object it came from.
        var readBack = KubernetesYaml.LoadAllFromString(yaml, null, strict: true);
        if (readBack.Count != 1 || KubernetesJson.Serialize(readBack[0]) != KubernetesJson.Serialize(value))
        {
            throw new InvalidOperationException($"A value of the {((IKubernetesObject)value).Kind} does not read back from YAML as written; look for leading or trailing tabs or control characters in the attribute values.");
        }

        return yaml;
    }

    /// <summary>A Kustomize file (Kustomize has no types in the Kubernetes client library).</summary>
    /// <exception cref="InvalidOperationException">The YAML would not read back as the object.</exception>
    public static string FromKustomizeObject<T>(T value)
    {
        var yaml = QuoteAmbiguousScalars(KustomizeSerializer.Serialize(value));
        if (KustomizeSerializer.Serialize(KustomizeDeserializer.Deserialize<T>(yaml)) != KustomizeSerializer.Serialize(value))
        {
            throw new InvalidOperationException($"A value of a kustomization does not read back from YAML as written; look for leading or trailing tabs or control characters in the image or label values.");
        }

        return yaml;
    }

    /// <summary>
    /// Re-emits <paramref name="yaml"/> with every plain scalar that a YAML 1.1 reader would not take as a string put in
    /// double quotes. kubectl and Kustomize read YAML 1.1, where <c>0x1F</c>, <c>+1</c>, <c>1_000</c>, <c>.inf</c>
    /// or <c>2024-01-01</c> are numbers or timestamps, but the serializer writes such strings (say an environment
    /// variable's value) without quotes, and kubectl then rejects or silently changes them. Integers and booleans the
    /// serializer wrote for integer and boolean fields keep their plain form.
    /// </summary>
    internal static string QuoteAmbiguousScalars(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer);
        while (parser.MoveNext())
        {
            var parsingEvent = parser.Current!;
            if (parsingEvent is Scalar { Style: ScalarStyle.Plain } scalar && IsAmbiguous(scalar.Value))
            {
                parsingEvent = new Scalar(scalar.Anchor, scalar.Tag, scalar.Value, ScalarStyle.DoubleQuoted, isPlainImplicit: false, isQuotedImplicit: true);
            }

            emitter.Emit(parsingEvent);
        }

        return writer.ToString().ReplaceLineEndings("\n");
    }

    private static bool IsAmbiguous(string value)
    {
        if (value.Length == 0 || value is "true" or "false" || CanonicalInteger().IsMatch(value))
        {
            // Real nulls, booleans and integers: the serializer already quotes strings that look like these.
            return false;
        }

        return Yaml11Word().IsMatch(value) || Yaml11Number().IsMatch(value.Replace("_", "", StringComparison.Ordinal)) || Yaml11TimestampOrSexagesimal().IsMatch(value);
    }

    [GeneratedRegex("^-?(0|[1-9][0-9]*)$")]
    private static partial Regex CanonicalInteger();

    [GeneratedRegex(@"^(y|Y|yes|Yes|YES|n|N|no|No|NO|True|TRUE|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<|=|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex Yaml11Word();

    [GeneratedRegex(@"^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+|([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?|0[xX][0-9a-fA-F]*(\.[0-9a-fA-F]*)?[pP][-+]?[0-9]+)$")]
    private static partial Regex Yaml11Number();

    [GeneratedRegex(@"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$)")]
    private static partial Regex Yaml11TimestampOrSexagesimal();
}
