using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ResilienceLab.Chaos.Records;

/// <summary>
/// A file in the run's output folder that holds the settled chunks of one of its records (arrivals, messages), so a long
/// run's memory does not grow with them. The file is removed from the folder as soon as it is open (on Windows, when it
/// closes): it is never seen beside a report, and a killed run leaves nothing behind. Chunk <c>k</c> of <c>n</c> items
/// lives at byte <c>k * n * size</c>; writes and reads are positional, so threads never share a file offset.
/// </summary>
public sealed class RecordSpill : IDisposable
{
    private readonly SafeFileHandle _handle;

    private RecordSpill(SafeFileHandle handle) => _handle = handle;

    /// <summary>
    /// A new spill file in <paramref name="directory"/> (created if missing), or null when it cannot be made there: the
    /// records then stay in memory, as they would without a folder.
    /// </summary>
    public static RecordSpill? TryCreate(string? directory)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            return null;
        }

        try
        {
            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, $".records.{Environment.ProcessId}.{Guid.NewGuid():N}");
            var windows = OperatingSystem.IsWindows();
            var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, windows ? FileOptions.DeleteOnClose : FileOptions.None);
            if (!windows)
            {
                File.Delete(path);
            }

            return new RecordSpill(handle);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes chunk <paramref name="index"/> (every chunk of this file has <paramref name="chunk"/>'s length).</summary>
    /// <exception cref="IOException">The write failed (a full disk): the caller keeps the chunk in memory.</exception>
    public void Write<T>(long index, T[] chunk)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var bytes = MemoryMarshal.AsBytes(chunk.AsSpan());
        RandomAccess.Write(_handle, bytes, index * bytes.Length);
    }

    /// <summary>Reads chunk <paramref name="index"/> into <paramref name="chunk"/>; a chunk never written reads as zeros.</summary>
    public void Read<T>(long index, T[] chunk)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var bytes = MemoryMarshal.AsBytes(chunk.AsSpan());
        var offset = index * bytes.Length;
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(_handle, bytes[read..], offset + read);
            if (n == 0)
            {
                bytes[read..].Clear();
                break;
            }

            read += n;
        }
    }

    public void Dispose() => _handle.Dispose();
}
