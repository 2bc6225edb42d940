using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Writers;

public sealed class MarkdownReportWriterTests
{
    [Fact]
    public void Render_DependencyRows_SayWhatWasNotSeenAndWhatTheBreakerTableCost()
    {
        var report = TestReports.Create();
        report = report with
        {
            Dependencies = new Dictionary<string, DependencyReport>
            {
                ["payment"] = new() { Calls = 10, RequestsObserved = false, BreakerTableOperations = 40, BreakerTableOperationsPerSecondPerInstance = 3.5 },
                ["inventory"] = new() { Calls = 10, RequestsReceived = 10 },
            },
        };

        var lines = MarkdownReportWriter.Render(report).Split('\n');

        Assert.EndsWith("| not observed | 0 | – | – | 3.5 |", Assert.Single(lines, l => l.StartsWith("| payment |", StringComparison.Ordinal)).TrimEnd());
        Assert.EndsWith("| 10 | 0 | – | – | – |", Assert.Single(lines, l => l.StartsWith("| inventory |", StringComparison.Ordinal)).TrimEnd());
    }
}
