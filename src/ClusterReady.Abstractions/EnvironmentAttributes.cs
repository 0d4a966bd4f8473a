using System;
using System.Diagnostics;

namespace ClusterReady;

/// <summary>A plain environment variable. Never put a secret here: use <see cref="SecretEnvironmentVariableAttribute"/>.</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EnvironmentVariableAttribute : Attribute
{
    /// <summary>Sets <paramref name="name"/> to <paramref name="value"/>.</summary>
    public EnvironmentVariableAttribute(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>Variable name, e.g. <c>Logging__LogLevel__Default</c>.</summary>
    public string Name { get; }

    /// <summary>Value.</summary>
    public string Value { get; }
}

/// <summary>An environment variable read from a key of a Kubernetes Secret. The value never appears in any artifact.</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SecretEnvironmentVariableAttribute : Attribute
{
    /// <summary>Sets <paramref name="name"/> from key <paramref name="key"/> of Secret <paramref name="secretName"/>.</summary>
    public SecretEnvironmentVariableAttribute(string name, string secretName, string key)
    {
        Name = name;
        SecretName = secretName;
        Key = key;
    }

    /// <summary>Variable name.</summary>
    public string Name { get; }

    /// <summary>Name of the Secret.</summary>
    public string SecretName { get; }

    /// <summary>Key in the Secret.</summary>
    public string Key { get; }

    /// <summary>Start the pod even if the Secret or key is missing.</summary>
    public bool Optional { get; set; }
}

/// <summary>
/// Mounts a Secret as files, one per key. By default the runtime also reads the files as configuration
/// (key-per-file: a key <c>ConnectionStrings__Orders</c> becomes <c>ConnectionStrings:Orders</c>), reloaded on rotation.
/// </summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SecretVolumeAttribute : Attribute
{
    /// <summary>Mounts Secret <paramref name="secretName"/> read-only at <paramref name="mountPath"/>.</summary>
    public SecretVolumeAttribute(string secretName, string mountPath)
    {
        SecretName = secretName;
        MountPath = mountPath;
    }

    /// <summary>Name of the Secret.</summary>
    public string SecretName { get; }

    /// <summary>Absolute directory the files appear in.</summary>
    public string MountPath { get; }

    /// <summary>Read the files as configuration keys (default true).</summary>
    public bool AsConfiguration { get; set; } = true;
}

/// <summary>A ConfigMap the app reads: all keys as environment variables, or mounted as files at <see cref="MountPath"/>.</summary>
[Conditional(CompileTimeOnly.Symbol)]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConfigMapAttribute : Attribute
{
    /// <summary>References ConfigMap <paramref name="name"/>.</summary>
    public ConfigMapAttribute(string name) => Name = name;

    /// <summary>Name of the ConfigMap.</summary>
    public string Name { get; }

    /// <summary>Directory to mount it at; unset: its keys become environment variables.</summary>
    public string? MountPath { get; set; }
}
