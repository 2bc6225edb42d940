using System.Runtime.InteropServices;

namespace ResilienceLab.Cli.Tests;

/// <summary>The CLI fixes glibc's malloc thresholds unless the user set them, and does nothing off glibc.</summary>
public sealed class NativeHeapLimitsTests
{
    private static readonly bool OnGlibc = OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out _);

    [Fact]
    public void Apply_NoUserSetting_FixesBothThresholdsOnGlibc()
    {
        var outcome = NativeHeapLimits.Apply(_ => null);

        Assert.Equal(OnGlibc ? NativeHeapLimitsOutcome.Applied : NativeHeapLimitsOutcome.NotGlibc, outcome);
    }

    [Fact]
    public void Apply_OnGlibc_ABlockLikeOneJustFreedIsMappedAgain_SoItsFreeGoesBackToTheSystem()
    {
        if (!OnGlibc)
        {
            Assert.Equal(NativeHeapLimitsOutcome.NotGlibc, NativeHeapLimits.Apply(_ => null));
            return;
        }

        Assert.Equal(NativeHeapLimitsOutcome.Applied, NativeHeapLimits.Apply(_ => null));

        // Left to itself glibc would raise its mmap threshold to the size of the first block when it is freed and
        // serve the second from an arena, whose free top it then keeps; with the threshold fixed both are mapped.
        // glibc maps a block only when its arena's free top cannot hold it, and this process's other threads grow
        // and shrink those tops: each try first trims them. A raised threshold fails every try.
        const int size = 8 * 1024 * 1024;
        var bothMapped = false;
        for (var attempt = 0; attempt < 3 && !bothMapped; attempt++)
        {
            _ = MallocTrim(0);
            bothMapped = AllocatedAndFreedWasMapped(size) && AllocatedAndFreedWasMapped(size);
        }

        Assert.True(bothMapped);
    }

#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054

    // An mmapped chunk carries glibc's IS_MMAPPED bit (0x2) in its size word, just before the block.
    // Marshal.AllocHGlobal is malloc on Unix.
    private static bool AllocatedAndFreedWasMapped(int size)
    {
        var block = Marshal.AllocHGlobal(size);
        try
        {
            return (Marshal.ReadInt64(block, -8) & 0x2) != 0;
        }
        finally
        {
            Marshal.FreeHGlobal(block);
        }
    }

    [Theory]
    [InlineData("MALLOC_TRIM_THRESHOLD_")]
    [InlineData("MALLOC_MMAP_THRESHOLD_")]
    public void Apply_UserSetAThreshold_LeavesBothToTheUser(string variable)
    {
        var read = new List<string>();

        var outcome = NativeHeapLimits.Apply(name =>
        {
            read.Add(name);
            return name == variable ? "262144" : null;
        });

        Assert.Equal(OperatingSystem.IsLinux() ? NativeHeapLimitsOutcome.LeftToUser : NativeHeapLimitsOutcome.NotGlibc, outcome);
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains(variable, read);
        }
    }
}
