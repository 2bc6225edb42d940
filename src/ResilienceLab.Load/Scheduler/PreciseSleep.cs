using System.Runtime.InteropServices;

namespace ResilienceLab.Load;

/// <summary>
/// Blocks the calling thread for less than a millisecond where the OS can (nanosleep on Linux and macOS, tens of
/// microseconds late), which the runtime's own waits cannot: they count whole milliseconds.
/// </summary>
internal static class PreciseSleep
{
    /// <summary>True where <see cref="Sleep"/> sleeps; elsewhere a caller must spin.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    private const int SetTimerSlack = 29; // PR_SET_TIMERSLACK

    /// <summary>
    /// Linux: asks the kernel to wake the calling thread's sleeps within a microsecond of their end instead of up to
    /// 50 µs after (the default timer slack, which lets wake-ups be batched to save power).
    /// </summary>
    public static void TightenForCurrentThread()
    {
        if (OperatingSystem.IsLinux())
        {
            _ = Prctl(SetTimerSlack, 1, 0, 0, 0);
        }
    }

    public static void Sleep(TimeSpan duration)
    {
        if (!IsAvailable || duration <= TimeSpan.Zero)
        {
            return;
        }

        var request = new Timespec { Seconds = (nint)(duration.Ticks / TimeSpan.TicksPerSecond), Nanoseconds = (nint)(duration.Ticks % TimeSpan.TicksPerSecond * 100) };
        _ = NanoSleep(ref request, IntPtr.Zero);
    }

    // A plain DllImport: the struct is blittable, so no marshalling code (and no unsafe code for LibraryImport's) is needed.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "nanosleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NanoSleep(ref Timespec request, IntPtr remaining);

    [DllImport("libc", EntryPoint = "prctl")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Prctl(int option, nuint arg2, nuint arg3, nuint arg4, nuint arg5);
#pragma warning restore SYSLIB1054

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }
}
