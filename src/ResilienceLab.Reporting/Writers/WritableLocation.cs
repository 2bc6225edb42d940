namespace ResilienceLab.Reporting.Writers;

/// <summary>
/// Checks, before any load runs, that an output folder or file can be written: the folder is created if missing and a
/// 64 KiB probe is written, flushed to disk and deleted, so a read-only folder, a file in the way, a pseudo file system
/// or a full disk is found in a second rather than after the whole run.
/// </summary>
public static class WritableLocation
{
    private const int ProbeBytes = 64 * 1024;

    /// <summary>Why <paramref name="folder"/> cannot take output, or null when it can (it exists afterwards).</summary>
    public static string? FolderProblem(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (FullPath(folder, out var full) is { } unusable)
        {
            return unusable;
        }

        if (File.Exists(full))
        {
            return $"{full} is a file, not a folder";
        }

        var probe = Path.Combine(full, $".resilience-lab-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(full);
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.DeleteOnClose))
            {
                stream.Write(new byte[ProbeBytes]);
                stream.Flush(flushToDisk: true);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(probe);
            return $"cannot write to {full}: {ex.Message}";
        }
    }

    /// <summary>Why <paramref name="file"/> cannot be written (its folder is checked as by <see cref="FolderProblem"/>), or null.</summary>
    public static string? FileProblem(string file)
    {
        ArgumentException.ThrowIfNullOrEmpty(file);
        if (FullPath(file, out var full) is { } unusable)
        {
            return unusable;
        }

        if (Directory.Exists(full))
        {
            return $"{full} is a folder; name a file";
        }

        return FolderProblem(Path.GetDirectoryName(full)!);
    }

    private static string? FullPath(string path, out string full)
    {
        try
        {
            full = Path.GetFullPath(path);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            full = path;
            return $"{Load.InputText.Quote(path)} is not a usable path ({ex.Message})";
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing was written, or it cannot be removed either; the problem is already being reported.
        }
    }
}
