using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Writers;

public sealed class ReportFolderWriterTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-writer-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Theory]
    [InlineData("/tmp/resiliencelab-absolute")]
    [InlineData("../escape")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/b")]
    public void Write_ScenarioNameThatIsAPath_WritesNothing(string name)
    {
        Assert.Throws<ArgumentException>(() => ReportFolderWriter.Write(_out, TestReports.Create(name)));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_out));
        Assert.False(Directory.Exists("/tmp/resiliencelab-absolute"));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(_out)!, "escape")));
    }

    [Fact]
    public void Write_TargetHoldsSomethingElse_LeavesItAloneAndThrows()
    {
        var precious = Path.Combine(_out, "breaker-storm", "thesis.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(precious)!);
        File.WriteAllText(precious, "years of work");

        var ex = Assert.Throws<IOException>(() => ReportFolderWriter.Write(_out, TestReports.Create()));

        Assert.Contains("left alone", ex.Message, StringComparison.Ordinal);
        Assert.Equal("years of work", File.ReadAllText(precious));
        Assert.Equal([Path.Combine(_out, "breaker-storm")], Directory.GetFileSystemEntries(_out).Where(e => !e.EndsWith(".lock", StringComparison.Ordinal)));
    }

    [Fact]
    public void Write_TargetHoldsAnEarlierReport_ReplacesIt()
    {
        ReportFolderWriter.Write(_out, TestReports.Create());

        var folder = ReportFolderWriter.Write(_out, TestReports.Create(contained: false));

        Assert.Contains("not_contained", File.ReadAllText(Path.Combine(folder, "report.json")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, ReportFolderWriter.MarkerFileName)));
    }

    [Fact]
    public void Write_ReplacingAReport_LeavesNoStagingOrOldFolders()
    {
        ReportFolderWriter.Write(_out, TestReports.Create());
        ReportFolderWriter.Write(_out, TestReports.Create(contained: false));

        Assert.Equal([Path.Combine(_out, ".breaker-storm.lock"), Path.Combine(_out, "breaker-storm")], Directory.GetFileSystemEntries(_out).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Write_DebrisOfKilledRuns_IsSweptButNotOtherScenariosOrForeignFolders()
    {
        var killedStaging = Directory.CreateDirectory(Path.Combine(_out, ".breaker-storm.4242.0123abcd.staging")).FullName;
        File.WriteAllText(Path.Combine(killedStaging, ReportFolderWriter.MarkerFileName), "x");
        var legacyTmp = Directory.CreateDirectory(Path.Combine(_out, ".breaker-storm.4242.99.tmp")).FullName;
        var otherScenario = Directory.CreateDirectory(Path.Combine(_out, ".retry-storm.4242.0123abcd.staging")).FullName;
        var foreign = Directory.CreateDirectory(Path.Combine(_out, ".breaker-storm.1.x.staging")).FullName;
        File.WriteAllText(Path.Combine(foreign, "keep.txt"), "not ours");

        ReportFolderWriter.Write(_out, TestReports.Create());

        Assert.False(Directory.Exists(killedStaging));
        Assert.False(Directory.Exists(legacyTmp));
        Assert.True(Directory.Exists(otherScenario));
        Assert.True(File.Exists(Path.Combine(foreign, "keep.txt")));
    }

    [Fact]
    public void TryAcquire_FolderLockedByAnotherRun_IsRefused()
    {
        using var first = ReportFolderLock.TryAcquire(_out, "breaker-storm", out _);

        var second = ReportFolderLock.TryAcquire(_out, "breaker-storm", out var problem);

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Contains("breaker-storm", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryExchange_TwoFoldersOnLinux_SwapsThemInOneStep()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var a = Directory.CreateDirectory(Path.Combine(_out, "a")).FullName;
        var b = Directory.CreateDirectory(Path.Combine(_out, "b")).FullName;
        File.WriteAllText(Path.Combine(a, "which"), "a");
        File.WriteAllText(Path.Combine(b, "which"), "b");

        Assert.True(FolderExchange.TryExchange(a, b));

        Assert.Equal("b", File.ReadAllText(Path.Combine(a, "which")));
        Assert.Equal("a", File.ReadAllText(Path.Combine(b, "which")));
    }
}
