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

        Assert.Contains("\"schema_version\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"time_to_open_s\"", json, StringComparison.Ordinal);
        Assert.Contains("\"latency_spectrum\"", json, StringComparison.Ordinal);
    }
}
