namespace Polca.Datacenter.Scenario;

/// <summary>
/// Writes output files through a hidden temporary sibling that is moved into place only once complete, so that a crash
/// or an error never leaves half a file under the final name.
/// </summary>
internal static class AtomicFile
{
    /// <summary>A fresh temporary path next to <paramref name="path"/> (same folder, so the final move is a rename).</summary>
    public static string TemporaryPathFor(string path)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"expected a file path, found a root: \"{path}\"", nameof(path));
        return Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>Creates the folder of <paramref name="path"/> and opens a new temporary file next to it for writing.</summary>
    public static FileStream CreateTemporary(string path, out string temporaryPath)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        temporaryPath = TemporaryPathFor(full);
        return new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    /// <summary>Flushes <paramref name="stream"/> to disk, closes it and moves <paramref name="temporaryPath"/> over <paramref name="path"/>.</summary>
    public static void Commit(FileStream stream, string temporaryPath, string path)
    {
        try
        {
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            File.Move(temporaryPath, Path.GetFullPath(path), overwrite: true);
        }
        catch
        {
            stream.Dispose();
            TryDelete(temporaryPath);
            throw;
        }
    }

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, through a temporary file moved into place at the end.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var stream = CreateTemporary(path, out var temporaryPath);
        try
        {
            write(stream);
        }
        catch
        {
            stream.Dispose();
            TryDelete(temporaryPath);
            throw;
        }

        Commit(stream, temporaryPath, path);
    }

    /// <summary>Deletes <paramref name="path"/> if it can; a file that cannot be deleted is left behind.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary file has a hidden, unique name and never replaces the real output.
        }
    }
}
