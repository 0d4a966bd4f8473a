namespace ClusterReady.Generators;

/// <summary>Names of the generator's pipeline steps, for incrementality tests and benchmarks.</summary>
internal static class TrackingNames
{
    public const string ServiceSpecs = nameof(ServiceSpecs);
    public const string AppKind = nameof(AppKind);
    public const string AssemblyName = nameof(AssemblyName);
    public const string Service = nameof(Service);
    public const string ModelJson = nameof(ModelJson);
    public const string RuntimeMetadata = nameof(RuntimeMetadata);
}
