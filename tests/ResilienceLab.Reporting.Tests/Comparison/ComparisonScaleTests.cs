using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Comparison;

/// <summary>Many scenarios: plots matched by exact name, duplicate names refused, output growing with the scenarios, not their square.</summary>
public sealed class ComparisonScaleTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-scale-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Write_ScenarioWhoseNameIsAnothersPrefix_GetsOnlyItsOwnPlots()
    {
        var result = ReportComparer.Compare([TestReports.Create("a"), TestReports.Create("a-b")], [TestReports.Create("a"), TestReports.Create("a-b")]);

        ComparisonFolderWriter.Write(_root, result);

        var md = File.ReadAllText(Path.Combine(_root, "compare.md"));
        var sectionA = md[md.IndexOf("✅ a\n", StringComparison.Ordinal)..md.IndexOf("✅ a-b\n", StringComparison.Ordinal)];
        Assert.Contains("compare-a-latency-p99.png", sectionA, StringComparison.Ordinal);
        Assert.DoesNotContain("compare-a-b-", sectionA, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SuiteFolderWithTheSameScenarioTwice_IsRefused()
    {
        foreach (var folder in new[] { "one", "two" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
            File.WriteAllText(Path.Combine(_root, folder, "report.json"), ReportJson.Serialize(TestReports.Create("same")));
        }

        var ex = Assert.Throws<IncompatibleReportException>(() => ReportFolderReader.Read(_root));

        Assert.Contains("'same' is in both", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ManyScenarios_PlotsAtMostTheCapAndMarkdownGrowsLinearly()
    {
        var small = Compare(20);
        var large = Compare(200);

        ComparisonFolderWriter.Write(Path.Combine(_root, "small"), small);
        ComparisonFolderWriter.Write(Path.Combine(_root, "large"), large);

        var plots = Directory.GetFiles(Path.Combine(_root, "large"), "*.png");
        Assert.Equal(2 * ComparisonFolderWriter.MaxPlottedScenarios, plots.Length);
        var smallMd = new FileInfo(Path.Combine(_root, "small", "compare.md")).Length;
        var largeMd = new FileInfo(Path.Combine(_root, "large", "compare.md")).Length;
        Assert.InRange(largeMd, 8 * smallMd, 12 * smallMd);
        Assert.Contains("most regressed of 200", File.ReadAllText(Path.Combine(_root, "large", "compare.md")), StringComparison.Ordinal);
    }

    private static ComparisonResult Compare(int count)
    {
        var names = Enumerable.Range(0, count).Select(i => $"s{i}").ToList();
        return ReportComparer.Compare([.. names.Select(n => TestReports.Create(n))], [.. names.Select(n => TestReports.Create(n, latencyFactor: 2))]);
    }
}
