namespace ClusterReady.Tests.Processes;

/// <summary>Writes a Secret volume the way the kubelet's atomic writer does.</summary>
internal static class KubernetesSecretVolume
{
    /// <summary>
    /// Writes the keys into a new timestamped folder, points <c>..data_tmp</c> at it, renames that over <c>..data</c>,
    /// makes sure each key is a symlink through <c>..data</c>, and deletes the previous folder.
    /// </summary>
    public static void Write(string volume, string timestampedName, Dictionary<string, string> keys)
    {
        var dataLink = Path.Combine(volume, "..data");
        var previous = Directory.Exists(dataLink) ? new DirectoryInfo(dataLink).LinkTarget : null;

        Directory.CreateDirectory(Path.Combine(volume, timestampedName));
        foreach (var (key, value) in keys)
        {
            File.WriteAllText(Path.Combine(volume, timestampedName, key), value);
        }

        var temporaryLink = Path.Combine(volume, "..data_tmp");
        Directory.CreateSymbolicLink(temporaryLink, timestampedName);
        if (Posix.Rename(temporaryLink, dataLink) != 0)
        {
            throw new IOException("rename of ..data_tmp failed");
        }

        foreach (var key in keys.Keys)
        {
            var keyLink = Path.Combine(volume, key);
            if (!File.Exists(keyLink))
            {
                File.CreateSymbolicLink(keyLink, Path.Combine("..data", key));
            }
        }

        if (previous is not null)
        {
            Directory.Delete(Path.Combine(volume, previous), recursive: true);
        }
    }
}
