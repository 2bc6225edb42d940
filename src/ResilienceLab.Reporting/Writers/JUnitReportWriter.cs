using System.Globalization;
using System.Xml.Linq;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Writers;

/// <summary>junit.xml: one test suite per scenario, one test case per hypothesis check, so CI systems show failures natively.</summary>
public static class JUnitReportWriter
{
    public static XElement Suite(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failures = report.Hypothesis.Count(h => h.Outcome == CheckOutcome.Failed);
        var suite = new XElement(
            "testsuite",
            new XAttribute("name", report.Scenario),
            new XAttribute("tests", Math.Max(1, report.Hypothesis.Count)),
            new XAttribute("failures", failures),
            new XAttribute("errors", report.Verdict is Verdict.Aborted or Verdict.Inconclusive ? 1 : 0),
            new XAttribute("skipped", report.Hypothesis.Count(h => h.Outcome == CheckOutcome.NotObserved)),
            new XAttribute("time", report.Run.DurationS.ToString("0.000", CultureInfo.InvariantCulture)),
            new XAttribute("timestamp", report.Run.StartedAt.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)));
        foreach (var check in report.Hypothesis)
        {
            var testCase = new XElement(
                "testcase",
                new XAttribute("name", check.Name),
                new XAttribute("classname", $"resilience.{report.Scenario}"),
                new XAttribute("time", "0"));
            if (check.Outcome == CheckOutcome.NotObserved)
            {
                testCase.Add(new XElement("skipped", new XAttribute("message", $"{check.Metric}: not observed ({check.Note ?? "no data"})")));
            }
            else if (check.Outcome == CheckOutcome.Failed)
            {
                var observed = check.Observed is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : check.Note ?? "no figure";
                testCase.Add(new XElement(
                    "failure",
                    new XAttribute("message", $"{check.Metric}: expected {check.Expected}, observed {observed}"),
                    new XAttribute("type", "HypothesisViolated"),
                    check.Description ?? string.Empty));
            }

            suite.Add(testCase);
        }

        switch (report.Verdict)
        {
            case Verdict.Aborted:
                suite.Add(new XElement(
                    "testcase",
                    new XAttribute("name", "run completed"),
                    new XAttribute("classname", $"resilience.{report.Scenario}"),
                    new XElement("error", new XAttribute("message", report.AbortReason ?? "aborted"), new XAttribute("type", "Aborted"))));
                break;
            case Verdict.Inconclusive:
                // Its own outcome: an error (the run could not judge), never a failure of the system.
                suite.Add(new XElement(
                    "testcase",
                    new XAttribute("name", "verdict conclusive"),
                    new XAttribute("classname", $"resilience.{report.Scenario}"),
                    new XElement("error", new XAttribute("message", "inconclusive: " + string.Join("; ", report.VerdictReasons)), new XAttribute("type", "Inconclusive"))));
                break;
            case Verdict.Contained or Verdict.NotContained:
                break;
        }

        return suite;
    }

    public static string Render(IEnumerable<RunReport> reports)
    {
        var suites = reports.Select(Suite).ToList();
        var root = new XElement(
            "testsuites",
            new XAttribute("name", "resilience-lab"),
            new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
            new XAttribute("errors", suites.Sum(s => (int)s.Attribute("errors")!)),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).ToString();
    }
}
