using System.Collections.Concurrent;
using System.Globalization;

namespace ResilienceLab.Reporting.Writers;

/// <summary>
/// One run at a time per report folder: an exclusive lock on <c>OUT/.NAME.lock</c> (an OS file lock, so a run killed
/// outright releases it), held from before the load until the report is in place. A second run into the same folder
/// is refused, never silently replacing the first one's report.
/// </summary>
public sealed class ReportFolderLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, ReportFolderLock> Held = new(StringComparer.Ordinal);

    private readonly FileStream _file;

    private ReportFolderLock(string path, FileStream file)
    {
        LockPath = path;
        _file = file;
    }

    public string LockPath { get; }

    /// <summary>The lock of <c>OUT/NAME</c>, or why it cannot be had (another run holds it, or the folder cannot be written).</summary>
    public static ReportFolderLock? TryAcquire(string outDirectory, string name, out string? problem)
    {
        var path = PathOf(outDirectory, name);
        problem = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            file.Write(System.Text.Encoding.UTF8.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture)));
            file.Flush();
            var held = new ReportFolderLock(path, file);
            if (!Held.TryAdd(path, held))
            {
                file.Dispose();
                problem = $"{Path.Combine(outDirectory, name)} is being written by another run of this process";
                return null;
            }

            return held;
        }
        catch (IOException) when (File.Exists(path))
        {
            problem = $"another run (process {Owner(path)}) is writing {Path.Combine(outDirectory, name)}; wait for it or choose another --out";
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot lock {path}: {ex.Message}";
            return null;
        }
    }

    /// <summary>Whether this process holds the lock of <c>OUT/NAME</c>.</summary>
    public static bool IsHeld(string outDirectory, string name) => Held.ContainsKey(PathOf(outDirectory, name));

    public void Dispose()
    {
        Held.TryRemove(new KeyValuePair<string, ReportFolderLock>(LockPath, this));
        _file.Dispose();
    }

    private static string PathOf(string outDirectory, string name) => Path.GetFullPath(Path.Combine(outDirectory, $".{name}.lock"));

    private static string Owner(string path)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var text = reader.ReadToEnd().Trim();
            return text.Length is > 0 and < 12 ? text : "unknown";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
