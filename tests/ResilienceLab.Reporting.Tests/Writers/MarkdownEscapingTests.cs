using System.Text.RegularExpressions;
using ResilienceLab.Reporting.Comparison;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Writers;

/// <summary>report.md, summary.md and compare.md go into pull-request comments: nothing in a name, label or value may become markup.</summary>
public sealed class MarkdownEscapingTests
{
    private const string Script = "<script>alert(1)</script>";

    [Fact]
    public void Render_HostileLabelNamesAndDescription_NoRawHtmlAndTablesKeepTheirColumns()
    {
        var report = Hostile(TestReports.Create());

        var md = MarkdownReportWriter.Render(report);

        Assert.DoesNotContain("<script", md, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", md, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", md, StringComparison.Ordinal);
        AssertTablesKeepTheirColumns(md);
    }

    [Fact]
    public void SuiteSummary_HostileNames_NoRawHtmlAndTablesKeepTheirColumns()
    {
        var report = Hostile(TestReports.Create());

        var md = SuiteSummaryMarkdownWriter.Render("nightly", [report with { Verdict = Verdict.Aborted, AbortReason = Script + " | x" }], [], null);

        Assert.DoesNotContain("<script", md, StringComparison.OrdinalIgnoreCase);
        AssertTablesKeepTheirColumns(md);
    }

    [Fact]
    public void Compare_HostileCheckNames_NoRawHtmlAndTablesKeepTheirColumns()
    {
        var baseline = Hostile(TestReports.Create());
        var candidate = Hostile(TestReports.Create(latencyFactor: 2));

        var md = ComparisonMarkdownWriter.Render(ReportComparer.Compare([baseline], [candidate], 10, "base <b>", "cand `x` | y"), []);

        Assert.DoesNotContain("<script", md, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("`base <b>`", md, StringComparison.Ordinal); // literal inside a code span
        AssertTablesKeepTheirColumns(md);
    }

    [Theory]
    [InlineData("a | b", "a \\| b")]
    [InlineData("<b>&", "&lt;b&gt;&amp;")]
    [InlineData("[x](javascript:alert(1))", "\\[x\\]\\(javascript:alert\\(1\\)\\)")]
    [InlineData("- item", "\\- item")]
    [InlineData("1. item", "1\\. item")]
    [InlineData("line\nbreak", "line break")]
    [InlineData("breaker-storm", "breaker-storm")]
    public void Escape_MarkdownAndHtml_ShownLiterally(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(text));

    private static RunReport Hostile(RunReport report) => report with
    {
        Description = Script + "\n# heading\n| fake | row |",
        AbortReason = null,
        Run = report.Run with { Label = Script, Target = "<img src=x onerror=alert(1)>" },
        Hypothesis = [.. report.Hypothesis.Select((h, i) => h with { Name = $"check {i} | {Script}" })],
        Faults = [.. report.Faults.Select(f => f with { Name = "fault | <img src=x>", Target = "t|t" })],
    };

    /// <summary>Every table row has as many unescaped pipes as its header.</summary>
    private static void AssertTablesKeepTheirColumns(string md)
    {
        var columns = 0;
        foreach (var line in md.Split('\n'))
        {
            if (!line.StartsWith('|'))
            {
                columns = 0;
                continue;
            }

            var pipes = Regex.Count(line, @"(?<!\\)\|");
            if (columns == 0)
            {
                columns = pipes;
            }

            Assert.True(pipes == columns, $"row has {pipes} pipes, header {columns}: {line}");
        }
    }
}
