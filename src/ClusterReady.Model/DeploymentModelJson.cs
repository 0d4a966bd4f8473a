using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterReady.Model;

/// <summary>Reads and writes the JSON form of <see cref="DeploymentModel"/>.</summary>
public static class DeploymentModelJson
{
    /// <summary>Parses the JSON the generator embedded.</summary>
    /// <exception cref="JsonException">The text is not a deployment model.</exception>
    public static DeploymentModel Parse(string json) => DeploymentModelReader.Read(json);

    /// <summary>Serializes a model (used by tests and tools).</summary>
    public static string Serialize(DeploymentModel model) =>
        JsonSerializer.Serialize(model, DeploymentModelJsonContext.Default.DeploymentModel);

    /// <summary>
    /// Reads the model that the generator embedded in <paramref name="assembly"/>; null when the assembly
    /// was built without ClusterReady's generator or has no <c>[KubernetesService]</c>.
    /// </summary>
    public static DeploymentModel? FromAssembly(Assembly? assembly)
    {
        if (assembly is null)
        {
            return null;
        }

        foreach (var metadata in assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (metadata.Key == DeploymentModel.MetadataKey && metadata.Value is { } json)
            {
                return Parse(json);
            }
        }

        return null;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
// Serialization (tests and tools) uses the generated serializer; Parse uses DeploymentModelReader (start-up cost).
[JsonSerializable(typeof(DeploymentModel))]
internal sealed partial class DeploymentModelJsonContext : JsonSerializerContext;
