using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

using ClusterReady.Model.Contract;

namespace ClusterReady.Model;

/// <summary>
/// Reads the deployment model that the generator embedded as <c>AssemblyMetadataAttribute</c>, from the file alone:
/// no code of the app is loaded or run at build time.
/// </summary>
public static class EmbeddedModelReader
{
    /// <summary>Returns the declaration JSON embedded in the assembly file (see <see cref="DeploymentModelJson.Parse"/>), or null when it has none.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    public static string? ReadJson(string assemblyPath) => ReadMetadata(assemblyPath, DeclarationJson.MetadataKey);

    /// <summary>Returns the value of the <c>AssemblyMetadata</c> entry named <paramref name="key"/>, or null when there is none.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="BadImageFormatException">The file is not a .NET assembly.</exception>
    internal static string? ReadMetadata(string assemblyPath, string key)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (!IsAssemblyMetadataAttribute(reader, attribute))
            {
                continue;
            }

            var value = attribute.DecodeValue(StringTypeProvider.Instance);
            if (value.FixedArguments is [{ Value: string name }, { Value: string json }] && name == key)
            {
                return json;
            }
        }

        return null;
    }

    private static bool IsAssemblyMetadataAttribute(MetadataReader reader, CustomAttribute attribute)
    {
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
        {
            return false;
        }

        var parent = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference)
        {
            return false;
        }

        var type = reader.GetTypeReference((TypeReferenceHandle)parent);
        return reader.StringComparer.Equals(type.Name, "AssemblyMetadataAttribute")
            && reader.StringComparer.Equals(type.Namespace, "System.Reflection");
    }

    /// <summary>Decodes only what AssemblyMetadataAttribute(string, string) needs.</summary>
    private sealed class StringTypeProvider : ICustomAttributeTypeProvider<string>
    {
        public static readonly StringTypeProvider Instance = new();

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

        public string GetSystemType() => "System.Type";

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeDefinition(handle).Name);

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            reader.GetString(reader.GetTypeReference(handle).Name);

        public string GetTypeFromSerializedName(string name) => name;

        public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

        public bool IsSystemType(string type) => type == "System.Type";
    }
}
