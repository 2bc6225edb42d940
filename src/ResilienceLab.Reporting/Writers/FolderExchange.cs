using System.Runtime.InteropServices;

namespace ResilienceLab.Reporting.Writers;

/// <summary>
/// Swaps two folders in one step where the OS can (Linux <c>renameat2</c> with <c>RENAME_EXCHANGE</c>), so a reader of
/// the target sees the old folder or the new one and never neither. Elsewhere, or on a file system that cannot, it
/// returns false and the caller falls back to two renames.
/// </summary>
internal static partial class FolderExchange
{
    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;

    /// <summary>Exchanges <paramref name="a"/> and <paramref name="b"/> atomically; false when the platform or file system cannot.</summary>
    public static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return RenameAt2(AtCurrentDirectory, Path.GetFullPath(a), AtCurrentDirectory, Path.GetFullPath(b), RenameExchange) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without renameat2 (glibc before 2.28, musl before 1.2.4).
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
