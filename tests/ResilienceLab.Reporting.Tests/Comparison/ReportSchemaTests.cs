using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Comparison;

/// <summary>report.schema.json against the writer's own output, and against reports with a null where an object belongs.</summary>
public sealed class ReportSchemaTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-schema-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string> WrittenReports => new()
    {
        ReportJson.Serialize(TestReports.Create()),
        ReportJson.Serialize(TestReports.Create(contained: false) with { StressWindow = new TimeWindow(2, 8), AbortReason = "x", Description = null }),
        ReportJson.Serialize(TestReports.Create() with
        {
            Verdict = Verdict.Aborted,
            Hypothesis = [new HypothesisResult("never observed", "breaker.payment.time_to_open_s", "<= 2", null, false, "desc")],
            Summary = TestReports.Create().Summary with { ErrorRate = double.NaN },
            Timeline = [.. TestReports.Create().Timeline.Select(t => t with { Control = new ControlSecond(1, 2, 3.5), Queues = new Dictionary<string, QueueSecond> { ["q"] = new(1, 2) } })],
            LatencySpectrum = [new SpectrumPoint(50, 1.2), new SpectrumPoint(99.9, 300)],
        }),
    };

    [Theory]
    [MemberData(nameof(WrittenReports))]
    public void Check_WhatTheWriterWrites_MatchesTheSchema(string json)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Empty(ReportSchema.Default.Check(document.RootElement));
    }

    [Fact]
    public void Check_FieldsTheSchemaDoesNotName_AreAccepted()
    {
        var json = JsonNode.Parse(ReportJson.Serialize(TestReports.Create()))!;
        json["harness_health"] = new JsonObject { ["gc_pauses"] = 3 };
        json["verdict"] = "inconclusive";

        using var document = JsonDocument.Parse(json.ToJsonString());

        Assert.Empty(ReportSchema.Default.Check(document.RootElement));
    }

    [Theory]
    [InlineData("hypothesis")]
    [InlineData("summary.latency")]
    [InlineData("summary.service_time")]
    [InlineData("summary")]
    [InlineData("run")]
    [InlineData("hypothesis[0]")]
    [InlineData("timeline[3]")]
    [InlineData("faults[0].start_s")]
    [InlineData("dependencies.payment.breaker_transitions[0]")]
    public void ReadFile_NullWhereAnObjectOrValueBelongs_RefusedNamingFileAndField(string field)
    {
        var json = JsonNode.Parse(ReportJson.Serialize(TestReports.Create()))!;
        SetNull(json, field);
        var path = Path.Combine(_root, "report.json");
        File.WriteAllText(path, json.ToJsonString());

        var ex = Assert.Throws<IncompatibleReportException>(() => ReportFolderReader.ReadFile(path));

        Assert.StartsWith($"{path}: {field}: ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("a/b")]
    public void ReadFile_ScenarioThatIsAPath_Refused(string scenario)
    {
        var json = JsonNode.Parse(ReportJson.Serialize(TestReports.Create()))!;
        json["scenario"] = scenario;
        var path = Path.Combine(_root, "report.json");
        File.WriteAllText(path, json.ToJsonString());

        var ex = Assert.Throws<IncompatibleReportException>(() => ReportFolderReader.ReadFile(path));

        Assert.Contains(": scenario: ", ex.Message, StringComparison.Ordinal);
    }

    private static void SetNull(JsonNode json, string field)
    {
        var node = json;
        var parts = field.Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            node = int.TryParse(parts[i], out var index) ? node[index]! : node[parts[i]]!;
        }

        var last = parts[^1];
        if (int.TryParse(last, out var at))
        {
            node[at] = null;
        }
        else
        {
            node[last] = null;
        }
    }
}
