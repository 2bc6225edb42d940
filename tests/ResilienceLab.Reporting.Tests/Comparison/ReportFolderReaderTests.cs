using System.Text.Json.Nodes;
using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Comparison;

public sealed class ReportFolderReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-reader-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Read_SuiteFolder_ReadsEveryScenarioFolder()
    {
        Write("a", ReportJson.Serialize(TestReports.Create("a")));
        Write("b", ReportJson.Serialize(TestReports.Create("b")));

        var reports = ReportFolderReader.Read(_root);

        Assert.Equal(["a", "b"], reports.Select(r => r.Scenario));
    }

    [Fact]
    public void Read_ScenarioFolder_ReadsItsReport()
    {
        var folder = Write("a", ReportJson.Serialize(TestReports.Create("a")));

        Assert.Equal("a", Assert.Single(ReportFolderReader.Read(folder)).Scenario);
    }

    [Fact]
    public void Read_OtherMajorSchemaVersion_IsRefused()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(TestReports.Create()))!;
        json["schema_version"] = 3;
        var folder = Write("a", json.ToJsonString());

        var ex = Assert.Throws<IncompatibleReportException>(() => ReportFolderReader.Read(folder));

        Assert.Contains("schema_version 3", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Read_FirstSchemaVersion_IsUpgradedWithItsChecksPassedOrFailed()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(TestReports.Create(contained: false)))!.AsObject();
        json["schema_version"] = 1;
        json["verdict"] = "not_contained";
        foreach (var check in json["hypothesis"]!.AsArray())
        {
            check!.AsObject().Remove("outcome");
        }

        var report = Assert.Single(ReportFolderReader.Read(Write("a", json.ToJsonString())));

        Assert.Equal(Verdict.NotContained, report.Verdict);
        Assert.Equal([CheckOutcome.Failed, CheckOutcome.Passed, CheckOutcome.Passed], report.Hypothesis.Select(h => h.Outcome));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{ \"scenario\": \"a\" }")]
    [InlineData("[]")]
    public void Read_MalformedReport_IsRefused(string json)
    {
        var folder = Write("a", json);

        Assert.Throws<IncompatibleReportException>(() => ReportFolderReader.Read(folder));
    }

    [Fact]
    public void Read_FolderWithoutReports_IsRefused() =>
        Assert.Throws<IncompatibleReportException>(() => ReportFolderReader.Read(_root));

    private string Write(string scenario, string json)
    {
        var folder = Path.Combine(_root, scenario);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.json"), json);
        return folder;
    }
}
