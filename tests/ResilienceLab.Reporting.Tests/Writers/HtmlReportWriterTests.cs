using ResilienceLab.Reporting.Plots;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Writers;

public sealed class HtmlReportWriterTests
{
    [Fact]
    public void Render_Report_IsSelfContainedWithVerdictFirst()
    {
        var report = TestReports.Create();

        var html = HtmlReportWriter.Render(report, ReportPlots.Render(report));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("src=\"data:image/webp;base64,", html, StringComparison.Ordinal);
        var verdict = html.IndexOf("class=\"verdict contained\"", StringComparison.Ordinal);
        Assert.True(verdict >= 0 && verdict < html.IndexOf("<h2>Hypothesis", StringComparison.Ordinal));
        foreach (var section in new[] { "Fault and breaker timeline", "Breaker transitions", "Dependencies", "Messages", "Latency and throughput", "Run" })
        {
            Assert.Contains($"<h2>{section}", html, StringComparison.Ordinal);
        }

        Assert.Contains("0123456789abcdef", html, StringComparison.Ordinal);
        Assert.Contains("No queues in this run", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TextWithMarkup_IsHtmlEncoded()
    {
        var report = TestReports.Create() with { Scenario = "<script>alert(1)</script>" };

        var html = HtmlReportWriter.Render(report, []);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;for a while&gt; &amp;", html, StringComparison.Ordinal);
        Assert.Contains("v1.2 &lt;rc&gt;", html, StringComparison.Ordinal);
    }
}
