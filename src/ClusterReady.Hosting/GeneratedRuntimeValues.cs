using System.ComponentModel;
using System.Reflection;

namespace ClusterReady.Hosting;

/// <summary>For ClusterReady's generated code only: hands <c>AddClusterReady</c> the runtime values of an app's model.</summary>
/// <remarks>
/// The generator writes a module initializer into the service's assembly that calls <see cref="Register"/> with the
/// values it also writes as <c>ClusterReady.Runtime.*</c> assembly metadata, from the same resolved model.
/// <c>AddClusterReady</c> takes them from here and reads the attributes (through reflection, about 2 ms of every start
/// on a slow machine) only for an assembly that registered nothing: one built without the generator's initializer.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedRuntimeValues
{
    private static readonly Lock Gate = new();
    private static Registration? s_registrations;

    /// <summary>Registers the runtime values of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">The assembly whose model the values come from.</param>
    /// <param name="keysAndValues">Key, value, key, value, ...: the metadata keys without their <c>ClusterReady.Runtime.</c> prefix.</param>
    /// <exception cref="ArgumentException"><paramref name="keysAndValues"/> has a key without a value.</exception>
    public static void Register(Assembly assembly, string[] keysAndValues)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(keysAndValues);
        if (keysAndValues.Length % 2 != 0)
        {
            throw new ArgumentException("Expected key, value pairs: the last key has no value.", nameof(keysAndValues));
        }

        lock (Gate)
        {
            s_registrations = new Registration(assembly, keysAndValues, s_registrations);
        }
    }

    /// <summary>The values registered for <paramref name="assembly"/> (the latest registration), or null.</summary>
    internal static string[]? Find(Assembly assembly)
    {
        lock (Gate)
        {
            for (var registration = s_registrations; registration is not null; registration = registration.Next)
            {
                if (registration.Assembly == assembly)
                {
                    return registration.KeysAndValues;
                }
            }
        }

        return null;
    }

    // A list of its own rather than a dictionary keyed by assembly: one or two entries per process, and no generic
    // instantiation for the JIT at start-up.
    private sealed class Registration(Assembly assembly, string[] keysAndValues, Registration? next)
    {
        public Assembly Assembly { get; } = assembly;

        public string[] KeysAndValues { get; } = keysAndValues;

        public Registration? Next { get; } = next;
    }
}
