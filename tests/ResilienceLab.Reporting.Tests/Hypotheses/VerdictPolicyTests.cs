using ResilienceLab.Reporting.Hypotheses;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Tests.Hypotheses;

public sealed class VerdictPolicyTests
{
    private static readonly HypothesisResult Pass = new("opens fast", "breaker.payment.time_to_open_s", "<= 2", 0.4, CheckOutcome.Passed);
    private static readonly HypothesisResult Fail = new("fails fast", "fault.latency_p99_ms", "<= 250", 700, CheckOutcome.Failed);
    private static readonly HypothesisResult Unobserved = new("inventory ok", "fault.error_rate", "<= 0.01", null, CheckOutcome.NotObserved) { Note = "no workflow finished in the window" };

    [Fact]
    public void Decide_AllPassed_IsContained()
    {
        var decision = VerdictPolicy.Decide([Pass, Pass], null, [], []);

        Assert.Equal(Verdict.Contained, decision.Verdict);
    }

    [Fact]
    public void Decide_OneFailed_IsNotContainedNamingTheCheckAndFigure()
    {
        var decision = VerdictPolicy.Decide([Pass, Fail], null, [], []);

        Assert.Equal(Verdict.NotContained, decision.Verdict);
        Assert.Contains(decision.Reasons, r => r.Contains("'fails fast' failed", StringComparison.Ordinal) && r.Contains("700", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_NotObservedAndNoFailure_IsInconclusiveNeverAPass()
    {
        var decision = VerdictPolicy.Decide([Pass, Unobserved], null, [], []);

        Assert.Equal(Verdict.Inconclusive, decision.Verdict);
        Assert.Contains(decision.Reasons, r => r.Contains("no workflow finished", StringComparison.Ordinal));
    }

    [Fact]
    public void Decide_NotObservedBesideAFailure_IsNotContained()
    {
        var decision = VerdictPolicy.Decide([Fail, Unobserved], null, [], []);

        Assert.Equal(Verdict.NotContained, decision.Verdict);
    }

    [Fact]
    public void Decide_HarnessUnhealthyWithFailedCheck_IsInconclusiveNeverNotContained()
    {
        var decision = VerdictPolicy.Decide([Fail], null, ["the harness fell behind in the fault window: schedule lag p99 38 ms, limit 25 ms"], []);

        Assert.Equal(Verdict.Inconclusive, decision.Verdict);
        Assert.Equal("the harness fell behind in the fault window: schedule lag p99 38 ms, limit 25 ms", decision.Reasons[0]);
    }

    [Fact]
    public void Decide_ScheduledFaultHitNothing_IsInconclusive()
    {
        var decision = VerdictPolicy.Decide([Pass], null, [], ["fault 'queue-down' hit nothing"]);

        Assert.Equal(Verdict.Inconclusive, decision.Verdict);
    }

    [Fact]
    public void Decide_Aborted_WinsOverEverything()
    {
        var decision = VerdictPolicy.Decide([Fail], "interrupted", ["lagging"], ["hit nothing"]);

        Assert.Equal(Verdict.Aborted, decision.Verdict);
        Assert.Equal(["interrupted"], decision.Reasons);
    }

    [Fact]
    public void Decide_NoChecks_IsInconclusive()
    {
        Assert.Equal(Verdict.Inconclusive, VerdictPolicy.Decide([], null, [], []).Verdict);
    }
}
