using System.Text.Json.Nodes;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests;

/// <summary>compare through the command line: a planted regression exits 1, a report against itself 0, an incompatible one 2.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-compare-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Compare_ReportWithItself_ExitsZero()
    {
        var folder = Write("base", ReportJson.Serialize(TestReports.Create()));

        var run = await CliRun.InvokeAsync("compare", folder, folder, "--out", Path.Combine(_root, "cmp"));

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
        Assert.Contains("No regression", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, "cmp", "compare.html")));
        Assert.True(File.Exists(Path.Combine(_root, "cmp", "compare.md")));
    }

    [Fact]
    public async Task Compare_LatencyDoubled_ExitsOneAndFlagsIt()
    {
        var baseline = Write("base", ReportJson.Serialize(TestReports.Create()));
        var json = JsonNode.Parse(ReportJson.Serialize(TestReports.Create()))!;
        foreach (var key in new[] { "p50_ms", "p95_ms", "p99_ms" })
        {
            json["summary"]!["latency"]![key] = json["summary"]!["latency"]![key]!.GetValue<double>() * 2;
        }

        var candidate = Write("cand", json.ToJsonString());

        var run = await CliRun.InvokeAsync("compare", Path.GetDirectoryName(baseline)!, Path.GetDirectoryName(candidate)!, "--out", Path.Combine(_root, "cmp"));

        Assert.True(run.ExitCode == ExitCodes.NotContained, run.Output + run.Error);
        Assert.Contains("latency.p99_ms", run.Output, StringComparison.Ordinal);
        Assert.Contains("REGRESSED", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compare_IncompatibleSchemaVersion_ExitsTwoWithOneLine()
    {
        var baseline = Write("base", ReportJson.Serialize(TestReports.Create()));
        var json = JsonNode.Parse(ReportJson.Serialize(TestReports.Create()))!;
        json["schema_version"] = 99;
        var candidate = Write("cand", json.ToJsonString());

        var run = await CliRun.InvokeAsync("compare", baseline, candidate, "--out", Path.Combine(_root, "cmp"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("schema_version 99", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Compare_MissingReport_ExitsTwo()
    {
        var baseline = Write("base", ReportJson.Serialize(TestReports.Create()));

        var run = await CliRun.InvokeAsync("compare", baseline, Path.Combine(_root, "nothing"), "--out", Path.Combine(_root, "cmp"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
    }

    [Theory]
    [InlineData("hypothesis")]
    [InlineData("summary")]
    public async Task Compare_ReportWithNullWhereAnObjectBelongs_ExitsTwoNamingFileAndField(string field)
    {
        var baseline = Write("base", ReportJson.Serialize(TestReports.Create()));
        var json = JsonNode.Parse(ReportJson.Serialize(TestReports.Create()))!;
        json[field] = null;
        var candidate = Write("cand", json.ToJsonString());

        var run = await CliRun.InvokeAsync("compare", baseline, candidate, "--out", Path.Combine(_root, "cmp"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{Path.Combine(candidate, "report.json")}: {field}: ", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "cmp")));
    }

    /// <summary>Writes SUITE/breaker-storm/report.json and returns the scenario folder.</summary>
    private string Write(string suite, string json)
    {
        var folder = Path.Combine(_root, suite, "breaker-storm");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.json"), json);
        return folder;
    }
}
