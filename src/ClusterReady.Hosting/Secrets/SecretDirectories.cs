using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.KeyPerFile;
using Microsoft.Extensions.Logging;

namespace ClusterReady.Hosting.Secrets;

/// <summary>The Secret folders added to configuration; owns their watchers.</summary>
internal sealed partial class SecretDirectories : IDisposable
{
    private readonly List<SecretDirectory> _watched = [];
    private readonly List<string> _missing = [];
    private ILogger? _logger;

    /// <summary>Folders that did not exist when the host was built (running outside the cluster, say).</summary>
    public IReadOnlyList<string> Missing => _missing;

    /// <summary>Adds each folder as key-per-file configuration that reloads when the folder changes.</summary>
    public static SecretDirectories AddTo(IConfigurationBuilder configuration, IEnumerable<string> paths)
    {
        var directories = new SecretDirectories();
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                directories._missing.Add(path);
                continue;
            }

            directories.Watch(configuration, Path.GetFullPath(path));
        }

        return directories;
    }

    // A method of its own: an app without Secret folders never loads the key-per-file provider's assembly.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Watch(IConfigurationBuilder configuration, string path)
    {
        var directory = new SecretDirectory(path);
        directory.Changed += OnChanged;
        _watched.Add(directory);
        configuration.Add(new KeyPerFileConfigurationSource
        {
            FileProvider = directory,
            Optional = true,
            ReloadOnChange = true,
            IgnoreCondition = static name => SecretDirectory.IsKubernetesEntry(name),
        });
    }

    /// <summary>Reports changes from now on; the logger exists only once the host is built.</summary>
    public void StartLogging(ILogger logger) => _logger = logger;

    public void Dispose()
    {
        foreach (var directory in _watched)
        {
            directory.Dispose();
        }
    }

    // Names the folder only: neither keys' values nor, since they may hint at them, keys' names are logged.
    private void OnChanged(SecretDirectory directory)
    {
        if (_logger is { } logger)
        {
            Log.Changed(logger, directory.Path);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Information, "Secret files in {Directory} changed; configuration reloads")]
        public static partial void Changed(ILogger logger, string directory);
    }
}
