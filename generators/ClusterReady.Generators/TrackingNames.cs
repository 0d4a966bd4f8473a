namespace ClusterReady.Generators;

/// <summary>Names of the generator's pipeline steps, for incrementality tests and benchmarks.</summary>
internal static class TrackingNames
{
    public const string Declarations = nameof(Declarations);
    public const string AppFacts = nameof(AppFacts);
    public const string Service = nameof(Service);
    public const string DeclarationJson = nameof(DeclarationJson);
    public const string RuntimeMetadata = nameof(RuntimeMetadata);
}
