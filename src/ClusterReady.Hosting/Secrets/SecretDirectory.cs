using System.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace ClusterReady.Hosting.Secrets;

/// <summary>
/// A mounted Secret as a file provider for key-per-file configuration, with change notifications that survive
/// Kubernetes' way of updating it.
/// </summary>
/// <remarks>
/// Kubernetes never rewrites a key's file. It writes a new <c>..2024_01_01_00_00_00.123</c> folder, points a
/// <c>..data_tmp</c> symlink at it and renames that over <c>..data</c>; each key is a symlink through <c>..data</c>.
/// <see cref="PhysicalFileProvider"/>'s watcher drops events for dot-prefixed names and does not see through symlinks,
/// so a reload would never happen. This watches the folder itself and reports any change in it; the files are still
/// read through a <see cref="PhysicalFileProvider"/>, which skips the dot-prefixed entries.
/// </remarks>
internal sealed class SecretDirectory : IFileProvider, IDisposable
{
    private readonly PhysicalFileProvider _files;
    private readonly FileSystemWatcher _watcher;
    private CancellationTokenSource _changeSource = new();
    private long _lastReported;

    public SecretDirectory(string path)
    {
        Path = path;
        _files = new PhysicalFileProvider(path);
        _watcher = new FileSystemWatcher(path)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Created += OnChanged;
        _watcher.Changed += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.Renamed += OnChanged;
        // Events lost to a full buffer may hide a rotation: reload rather than miss it.
        _watcher.Error += (_, _) => SignalChange();
        _watcher.EnableRaisingEvents = true;
    }

    public string Path { get; }

    /// <summary>Raised at most once a second while the folder keeps changing (a rotation touches several entries).</summary>
    public event Action<SecretDirectory>? Changed;

    /// <summary>Kubernetes' own entries (<c>..data</c>, <c>..2024_...</c>) are not keys.</summary>
    public static bool IsKubernetesEntry(string fileName) => fileName.StartsWith("..", StringComparison.Ordinal);

    public IFileInfo GetFileInfo(string subpath) => _files.GetFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) => _files.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => new CancellationChangeToken(Volatile.Read(ref _changeSource).Token);

    public void Dispose()
    {
        _watcher.Dispose();
        _files.Dispose();
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => SignalChange();

    private void SignalChange()
    {
        var previous = Interlocked.Exchange(ref _changeSource, new CancellationTokenSource());
        previous.Cancel();
        previous.Dispose();

        var now = Stopwatch.GetTimestamp();
        var last = Volatile.Read(ref _lastReported);
        if ((last == 0 || Stopwatch.GetElapsedTime(last, now) > TimeSpan.FromSeconds(1))
            && Interlocked.CompareExchange(ref _lastReported, now, last) == last)
        {
            Changed?.Invoke(this);
        }
    }
}
