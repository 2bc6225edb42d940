using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Tests.Shared;

/// <summary>Run reports built in memory, shaped like a quick breaker-storm run, so report writers and comparisons are tested without load.</summary>
internal static class TestReports
{
    public static RunReport Create(string scenario = "breaker-storm", bool contained = true, double latencyFactor = 1, double throughput = 40)
    {
        var timeline = Enumerable.Range(0, 15).Select(s => new TimelinePoint
        {
            Second = s,
            Started = 40,
            Ok = s is >= 5 and < 11 ? 0 : 40,
            Failed = s is >= 5 and < 11 ? 40 : 0,
            LatencyP50Ms = 1.5 * latencyFactor,
            LatencyP95Ms = 20 * latencyFactor,
            LatencyP99Ms = (s == 5 ? 340 : 12) * latencyFactor,
            ServiceTimeP99Ms = 9 * latencyFactor,
            Dependencies = new Dictionary<string, DependencySecond>
            {
                ["inventory"] = new(40, 0, 40, 40, "closed"),
                ["payment"] = new(40, s is >= 5 and < 11 ? 40 : 0, s is >= 5 and < 11 ? 2 : 40, s is >= 5 and < 11 ? 2 : 40, s is >= 5 and < 12 ? "open" : "closed"),
            },
            ActiveFaults = s is >= 5 and < 11 ? ["payment-outage"] : [],
        }).ToList();
        return new RunReport
        {
            Scenario = scenario,
            Description = "payment fails with a slow 503 <for a while> & the breaker must open",
            Verdict = contained ? Verdict.Contained : Verdict.NotContained,
            Run = new RunIdentity
            {
                Label = "v1.2 <rc>",
                Seed = 42,
                Quick = true,
                StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
                DurationS = 15.2,
                WarmUpS = 1,
                ConfigHash = "abc123",
                GitCommit = "0123456789abcdef",
                Machine = "test machine",
                ToolVersion = "1.0.0",
            },
            Hypothesis =
            [
                new HypothesisResult("payment breaker opens within 2 s", "breaker.payment.time_to_open_s", "<= 2", contained ? 0.4 : 3.5, contained),
                new HypothesisResult("workflows fail fast", "fault.service_time_p99_ms_median", "<= 250", 9 * latencyFactor, 9 * latencyFactor <= 250),
                new HypothesisResult("inventory keeps its error rate", "fault.dependency.inventory.error_rate", "<= 0.01", 0, true),
            ],
            Summary = new RunSummary
            {
                Started = 560,
                Ok = 320,
                Failed = 240,
                RequestsPerSecond = throughput,
                ErrorRate = 0.43,
                Latency = new LatencyFigures(1.6 * latencyFactor, 20 * latencyFactor, 350 * latencyFactor, 660 * latencyFactor, 16 * latencyFactor),
                ServiceTime = new LatencyFigures(0.9 * latencyFactor, 12 * latencyFactor, 350 * latencyFactor, 650 * latencyFactor, 15 * latencyFactor),
                FailedByReason = new Dictionary<string, long> { ["payment:circuit_open"] = 230, ["payment:http_503"] = 10 },
            },
            Dependencies = new Dictionary<string, DependencyReport>
            {
                ["inventory"] = new() { Calls = 600, Attempts = 600, RequestsReceived = 600, Amplification = 1 },
                ["payment"] = new()
                {
                    Calls = 600,
                    Errors = 250,
                    Attempts = 350,
                    RequestsReceived = 350,
                    Amplification = 0.58,
                    TimeToOpenS = 0.4,
                    TimeToCloseS = 0.8,
                    BreakerTransitions =
                    [
                        new BreakerTransitionRecord(5.4, "Closed", "Open", "5 consecutive failures"),
                        new BreakerTransitionRecord(8.4, "Open", "HalfOpen", "break duration elapsed"),
                        new BreakerTransitionRecord(8.7, "HalfOpen", "Open", "a half-open probe failed"),
                        new BreakerTransitionRecord(11.8, "Open", "HalfOpen", "break duration elapsed"),
                        new BreakerTransitionRecord(11.8, "HalfOpen", "Closed", "1 probe(s) succeeded"),
                    ],
                },
            },
            Faults = [new FaultReport("payment-outage", "http_error", "payment", 1, 5, 11, 5.0, 11.0, 22, false)],
            Timeline = timeline,
            LatencySpectrum = [.. new[] { 0, 50, 90, 99, 99.9 }.Select(p => new SpectrumPoint(p, (1 + (p * p / 30)) * latencyFactor))],
        };
    }
}
