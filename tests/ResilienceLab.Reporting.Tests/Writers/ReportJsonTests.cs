using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Writers;

public sealed class ReportJsonTests
{
    [Fact]
    public void Serialize_RoundTrip_ProducesTheSameJson()
    {
        var json = ReportJson.Serialize(TestReports.Create());

        var again = ReportJson.Serialize(ReportJson.Deserialize(json));

        Assert.Equal(json, again);
    }

    [Fact]
    public void Serialize_Report_UsesSnakeCaseAndCarriesSchemaVersion()
    {
        var json = ReportJson.Serialize(TestReports.Create());

        Assert.Contains("\"schema_version\": 2", json, StringComparison.Ordinal);
        Assert.Contains("\"time_to_open_s\"", json, StringComparison.Ordinal);
        Assert.Contains("\"latency_spectrum\"", json, StringComparison.Ordinal);
        Assert.Contains("\"verdict\": \"contained\"", json, StringComparison.Ordinal);
        Assert.Contains("\"outcome\": \"passed\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_InconclusiveWithUnobservedCheck_WritesTheirWords()
    {
        var report = TestReports.Create() with
        {
            Verdict = Verdict.Inconclusive,
            Hypothesis = [new HypothesisResult("c", "fault.error_rate", "<= 0.01", null, CheckOutcome.NotObserved) { Note = "no workflow finished in the window" }],
        };

        var json = ReportJson.Serialize(report);
        var again = ReportJson.Deserialize(json);

        Assert.Contains("\"verdict\": \"inconclusive\"", json, StringComparison.Ordinal);
        Assert.Contains("\"outcome\": \"not_observed\"", json, StringComparison.Ordinal);
        Assert.Equal(CheckOutcome.NotObserved, Assert.Single(again.Hypothesis).Outcome);
        Assert.Equal(Verdict.Inconclusive, again.Verdict);
    }
}
