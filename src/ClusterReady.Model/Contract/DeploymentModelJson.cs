using System.Text.Json;
using ClusterReady.Model.Contract;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Model;

/// <summary>Reads the deployment model from the one contract the generator embeds: the declaration, resolved.</summary>
public static class DeploymentModelJson
{
    /// <summary>
    /// Parses the declaration JSON the generator embedded (<c>AssemblyMetadata("ClusterReady.Declaration", json)</c>)
    /// and resolves it with the model's defaults. Judge the declaration with the rulebook first: values the rules refuse
    /// are not repaired here.
    /// </summary>
    /// <exception cref="JsonException">The text is not JSON, not a declaration, or of another schema version.</exception>
    public static DeploymentModel Parse(string json)
    {
        try
        {
            return ModelResolver.Resolve(DeclarationJson.Read(json));
        }
        catch (FormatException exception)
        {
            throw Error(exception);
        }
    }

    // Typed as Exception: callers then do not make the JIT load System.Text.Json unless one is thrown.
    private static Exception Error(FormatException exception) => new JsonException(exception.Message, exception);
}
