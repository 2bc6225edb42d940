using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Comparison;

public sealed class ComparisonFolderWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-compare-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Write_Comparison_WritesMarkdownSelfContainedHtmlAndOverlays()
    {
        var result = ReportComparer.Compare([TestReports.Create()], [TestReports.Create(latencyFactor: 2)], 10, "base", "cand");

        ComparisonFolderWriter.Write(_root, result);

        var html = File.ReadAllText(Path.Combine(_root, "compare.html"));
        Assert.Contains("data:image/webp;base64,", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("REGRESSED", File.ReadAllText(Path.Combine(_root, "compare.md")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, "compare-breaker-storm-latency-p99.png")));
        Assert.True(File.Exists(Path.Combine(_root, "compare-breaker-storm-throughput.png")));
    }
}
