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
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
// Serialization (tests and tools) uses the generated serializer; Parse uses DeploymentModelReader (start-up cost).
[JsonSerializable(typeof(DeploymentModel))]
internal sealed partial class DeploymentModelJsonContext : JsonSerializerContext;
