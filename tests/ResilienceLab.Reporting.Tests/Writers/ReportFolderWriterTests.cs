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
        Assert.Equal([Path.Combine(_out, "breaker-storm")], Directory.GetFileSystemEntries(_out));
    }

    [Fact]
    public void Write_TargetHoldsAnEarlierReport_ReplacesIt()
    {
        ReportFolderWriter.Write(_out, TestReports.Create());

        var folder = ReportFolderWriter.Write(_out, TestReports.Create(contained: false));

        Assert.Contains("not_contained", File.ReadAllText(Path.Combine(folder, "report.json")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, ReportFolderWriter.MarkerFileName)));
    }
}
