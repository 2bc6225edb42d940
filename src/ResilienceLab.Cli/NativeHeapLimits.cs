using System.Runtime.InteropServices;

namespace ResilienceLab.Cli;

/// <summary>
/// Keeps glibc's malloc from holding freed native memory in every thread's arena. By default glibc raises its mmap and
/// trim thresholds as large blocks are freed (here to ~3 MB and ~6.5 MB), and then keeps up to the trim threshold of
/// free memory at the top of each of its up-to-16 arenas (8 per core): in a 1,000 workflows/s run that was ~100 MB of
/// arena memory for ~5 MB in use (~60 MB of it resident). Fixing both thresholds at glibc's own starting values turns
/// the raising off, so freed memory goes back to the system. Only on glibc, and only where the user set neither
/// threshold through glibc's own environment variables.
/// </summary>
internal static class NativeHeapLimits
{
    /// <summary>glibc's default mmap threshold, which it would otherwise raise as blocks are freed.</summary>
    public const int ThresholdBytes = 128 * 1024;

    private const int M_TRIM_THRESHOLD = -1;
    private const int M_MMAP_THRESHOLD = -3;

    /// <summary>The environment variables through which a user sets these thresholds for glibc.</summary>
    public static readonly IReadOnlyList<string> UserVariables = ["MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_"];

    /// <summary>Applies the fixed thresholds; says what it did (tests and diagnostics read it, nothing is printed).</summary>
    public static NativeHeapLimitsOutcome Apply(Func<string, string?> environment)
    {
        if (!OperatingSystem.IsLinux())
        {
            return NativeHeapLimitsOutcome.NotGlibc;
        }

        if (UserVariables.Any(name => environment(name) is not null))
        {
            return NativeHeapLimitsOutcome.LeftToUser;
        }

        try
        {
            // mallopt returns 1 on success. Fixing either threshold turns glibc's raising of both off.
            var trim = mallopt(M_TRIM_THRESHOLD, ThresholdBytes);
            var mmap = mallopt(M_MMAP_THRESHOLD, ThresholdBytes);
            return trim == 1 && mmap == 1 ? NativeHeapLimitsOutcome.Applied : NativeHeapLimitsOutcome.Refused;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Another C library (musl): it has no per-thread arenas of this kind.
            return NativeHeapLimitsOutcome.NotGlibc;
        }
    }

    [DllImport("libc.so.6")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int mallopt(int parameter, int value);
}
