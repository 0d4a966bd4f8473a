using System;
using System.Collections.Generic;
using ClusterReady.Model.Contract;
using ClusterReady.Model.Declaration;
using ClusterReady.Model.Resolution;

namespace ClusterReady.Generators.Emit;

/// <summary>One <c>AssemblyMetadata</c> entry of the runtime's view of the model.</summary>
internal sealed record RuntimeValue(string Key, string Value);

/// <summary>
/// The runtime's values (<see cref="RuntimeContract"/>) of the service's resolved model, as equatable data for the
/// incremental pipeline. The model library owns the projection and the keys; this only carries them to the source.
/// </summary>
internal static class RuntimeMetadataEmitter
{
    public static EquatableArray<RuntimeValue> Emit(ServiceDeclaration declaration)
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
            return EquatableArray<RuntimeValue>.Empty;
        }

        var result = new List<RuntimeValue>(values.Count);
        foreach (var value in values)
        {
            result.Add(new RuntimeValue(value.Key, value.Value));
        }

        return new EquatableArray<RuntimeValue>(result);
    }
}
