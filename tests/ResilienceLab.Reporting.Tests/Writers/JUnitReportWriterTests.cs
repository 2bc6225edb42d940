using System.Xml.Linq;
using ResilienceLab.Reporting.Model;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Reporting.Tests.Writers;

public sealed class JUnitReportWriterTests
{
    [Fact]
    public void Render_TwoScenariosOneFailing_HasTheShapeCiSystemsRead()
    {
        var reports = new[] { TestReports.Create("breaker-storm"), TestReports.Create("retry-storm", contained: false) };

        var doc = XDocument.Parse(JUnitReportWriter.Render(reports));

        var root = doc.Root!;
        Assert.Equal("testsuites", root.Name.LocalName);
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(2, suites.Count);
        foreach (var suite in suites)
        {
            foreach (var attribute in new[] { "name", "tests", "failures", "errors", "skipped", "time", "timestamp" })
            {
                Assert.NotNull(suite.Attribute(attribute));
            }

            var cases = suite.Elements("testcase").ToList();
            Assert.Equal((int)suite.Attribute("tests")!, cases.Count);
            Assert.Equal((int)suite.Attribute("failures")!, cases.Count(c => c.Element("failure") is not null));
            Assert.Equal((int)suite.Attribute("errors")!, cases.Count(c => c.Element("error") is not null));
            Assert.All(cases, c =>
            {
                Assert.False(string.IsNullOrEmpty((string?)c.Attribute("name")));
                Assert.False(string.IsNullOrEmpty((string?)c.Attribute("classname")));
                Assert.NotNull(c.Attribute("time"));
            });
            Assert.All(cases.Select(c => c.Element("failure")).OfType<XElement>(), f =>
            {
                Assert.False(string.IsNullOrEmpty((string?)f.Attribute("message")));
                Assert.NotNull(f.Attribute("type"));
            });
        }

        Assert.Equal(suites.Sum(s => (int)s.Attribute("tests")!), (int)root.Attribute("tests")!);
        Assert.Equal(suites.Sum(s => (int)s.Attribute("failures")!), (int)root.Attribute("failures")!);
        Assert.Equal(1, (int)root.Attribute("failures")!);
    }

    [Fact]
    public void Render_AbortedRun_CountsOneError()
    {
        var aborted = TestReports.Create() with { Verdict = Verdict.Aborted, AbortReason = "interrupted" };

        var suite = XDocument.Parse(JUnitReportWriter.Render([aborted])).Root!.Element("testsuite")!;

        Assert.Equal(1, (int)suite.Attribute("errors")!);
        Assert.Single(suite.Elements("testcase"), c => c.Element("error") is not null);
    }
}
