using System.Globalization;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Hypotheses;

/// <summary>
/// The one place a verdict is decided. In order: a run that did not finish is <see cref="Verdict.Aborted"/>; a run
/// whose harness fell behind in a judged window, or whose scheduled fault hit nothing, is
/// <see cref="Verdict.Inconclusive"/> (the system is never blamed for the harness, nor credited for a fault that did
/// not happen); a failed check makes it <see cref="Verdict.NotContained"/>; a check without data, or no check at all,
/// leaves it <see cref="Verdict.Inconclusive"/>; only then is it <see cref="Verdict.Contained"/>.
/// </summary>
public static class VerdictPolicy
{
    /// <param name="checks">The judged hypothesis.</param>
    /// <param name="abortReason">Why the run stopped early, or null.</param>
    /// <param name="harnessProblems">Harness-health signals over their limit in a judged window, one sentence each.</param>
    /// <param name="faultProblems">Scheduled faults that hit nothing, one sentence each.</param>
    public static VerdictDecision Decide(
        IReadOnlyList<HypothesisResult> checks,
        string? abortReason,
        IReadOnlyList<string> harnessProblems,
        IReadOnlyList<string> faultProblems)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(harnessProblems);
        ArgumentNullException.ThrowIfNull(faultProblems);
        if (abortReason is not null)
        {
            return new VerdictDecision(Verdict.Aborted, [abortReason]);
        }

        if (harnessProblems.Count > 0)
        {
            return new VerdictDecision(Verdict.Inconclusive, [.. harnessProblems, .. Unjudged(checks)]);
        }

        if (faultProblems.Count > 0)
        {
            return new VerdictDecision(Verdict.Inconclusive, [.. faultProblems, .. Unjudged(checks)]);
        }

        var failed = checks.Where(c => c.Outcome == CheckOutcome.Failed).ToList();
        var unobserved = checks.Where(c => c.Outcome == CheckOutcome.NotObserved).ToList();
        if (failed.Count > 0)
        {
            return new VerdictDecision(Verdict.NotContained, [.. failed.Select(Describe), .. unobserved.Select(Describe)]);
        }

        if (unobserved.Count > 0)
        {
            return new VerdictDecision(Verdict.Inconclusive, [.. unobserved.Select(Describe)]);
        }

        if (checks.Count == 0)
        {
            return new VerdictDecision(Verdict.Inconclusive, ["the hypothesis has no checks, so nothing was judged"]);
        }

        return new VerdictDecision(Verdict.Contained, [$"all {checks.Count} checks passed"]);
    }

    /// <summary>One sentence for a check that failed or was not observed.</summary>
    public static string Describe(HypothesisResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var observed = check.Observed is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : null;
        return check.Outcome switch
        {
            CheckOutcome.Failed when observed is not null => $"'{check.Name}' failed: {check.Metric} was {observed}, expected {check.Expected}",
            CheckOutcome.Failed => $"'{check.Name}' failed: {check.Note ?? "no figure"} (expected {check.Metric} {check.Expected})",
            CheckOutcome.NotObserved => $"'{check.Name}' was not observed: {check.Note ?? "no data"}",
            CheckOutcome.Passed => $"'{check.Name}' passed: {check.Metric} was {observed}",
        };
    }

    private static IEnumerable<string> Unjudged(IReadOnlyList<HypothesisResult> checks)
    {
        var failed = checks.Count(c => c.Outcome == CheckOutcome.Failed);
        if (failed > 0)
        {
            yield return $"{failed} failed check(s) are not held against the system";
        }
    }
}
