using System;
using System.Collections.Generic;
using ClusterReady.Model.Contract;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Generators.Emit;

/// <summary>One <c>AssemblyMetadata</c> entry of the runtime's view of the model.</summary>
internal sealed record RuntimeValue(string Key, string Value);

/// <summary>
/// The runtime's values as one pipeline value. A class, not the bare <see cref="EquatableArray{T}"/> (a struct): Roslyn's
/// pipeline tables and the combined tuple then use their shared code for reference types instead of about 180 methods
/// JIT-compiled for this struct in every cold compile (issue 19, docs/benchmarks.md).
/// </summary>
internal sealed class RuntimeMetadata : IEquatable<RuntimeMetadata>
{
    public static readonly RuntimeMetadata Empty = new(EquatableArray<RuntimeValue>.Empty);

    public RuntimeMetadata(EquatableArray<RuntimeValue> values) => Values = values;

    public EquatableArray<RuntimeValue> Values { get; }

    public bool Equals(RuntimeMetadata? other) => other is not null && Values.Equals(other.Values);

    public override bool Equals(object? obj) => Equals(obj as RuntimeMetadata);

    public override int GetHashCode() => Values.GetHashCode();
}

/// <summary>
/// The runtime's values (<see cref="RuntimeContract"/>) of the service's resolved model, as equatable data for the
/// incremental pipeline. The model library owns the projection and the keys; this only carries them to the source.
/// </summary>
internal static class RuntimeMetadataEmitter
{
    public static RuntimeMetadata Emit(ServiceDeclaration declaration)
    {
        IReadOnlyList<KeyValuePair<string, string>> values;
        try
        {
            values = RuntimeContract.Write(ModelResolver.Resolve(declaration));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException or OverflowException)
        {
            // A declaration the rules refuse: the analyzers report it, the build step stops on it, and the runtime
            // gets no values rather than a compiler crash.
            return RuntimeMetadata.Empty;
        }

        var result = new List<RuntimeValue>(values.Count);
        foreach (var value in values)
        {
            result.Add(new RuntimeValue(value.Key, value.Value));
        }

        return new RuntimeMetadata(new EquatableArray<RuntimeValue>(result));
    }
}
