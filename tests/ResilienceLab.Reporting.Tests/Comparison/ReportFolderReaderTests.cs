using System.Text.Json.Nodes;
using ResilienceLab.Reporting.Comparison;
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
        json["schema_version"] = 2;
        var folder = Write("a", json.ToJsonString());

        var ex = Assert.Throws<IncompatibleReportException>(() => ReportFolderReader.Read(folder));

        Assert.Contains("schema_version 2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
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
