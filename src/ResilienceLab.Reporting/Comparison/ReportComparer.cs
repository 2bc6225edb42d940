using ResilienceLab.Reporting.Hypotheses;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Reporting.Comparison;

/// <summary>
/// Compares a baseline's reports with a candidate's, scenario by scenario (matched by name), metric by metric.
/// Noise rule: a change is a regression only when it is worse by more than the tolerance (percent of the baseline)
/// and by more than an absolute floor (2 ms for latencies, 0.5 percentage points for rates, 0.1 s for durations,
/// 0.5 workflows/s for throughput, 0.15 for attempts per call, nothing for counts); a check that passed in the
/// baseline and fails in the candidate, a verdict that got worse, or a scenario missing from the candidate always is.
/// </summary>
public static class ReportComparer
{
    /// <summary>The default tolerance, in percent of the baseline.</summary>
    public const double DefaultMaxRegressionPercent = 10;

    public const double LatencyFloorMs = 2;
    public const double RateFloor = 0.005;
    public const double DurationFloorS = 0.1;
    public const double ThroughputFloor = 0.5;
    // Two quick runs of the same build differed by 0.10 attempts per call (one half-open round more or less).
    public const double RatioFloor = 0.15;

    public static ComparisonResult Compare(
        IReadOnlyList<RunReport> baseline,
        IReadOnlyList<RunReport> candidate,
        double maxRegressionPercent = DefaultMaxRegressionPercent,
        string baselineSource = "baseline",
        string candidateSource = "candidate")
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var byName = candidate.GroupBy(r => r.Scenario, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var scenarios = new List<ScenarioComparison>();
        foreach (var b in baseline)
        {
            scenarios.Add(byName.TryGetValue(b.Scenario, out var c)
                ? Compare(b, c, maxRegressionPercent)
                : new ScenarioComparison(b.Scenario, b, null, [new MetricDelta { Scenario = b.Scenario, Metric = "scenario", Regressed = true, Note = "missing from the candidate" }]));
        }

        var known = baseline.Select(b => b.Scenario).ToHashSet(StringComparer.Ordinal);
        foreach (var c in candidate.Where(c => !known.Contains(c.Scenario)))
        {
            scenarios.Add(new ScenarioComparison(c.Scenario, null, c, [new MetricDelta { Scenario = c.Scenario, Metric = "scenario", Note = "new in the candidate (no baseline)" }]));
        }

        return new ComparisonResult(baselineSource, candidateSource, maxRegressionPercent, scenarios);
    }

    public static ScenarioComparison Compare(RunReport baseline, RunReport candidate, double maxRegressionPercent = DefaultMaxRegressionPercent)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var scenario = baseline.Scenario;
        var metrics = new List<MetricDelta>();
        var verdictWorse = Rank(candidate.Verdict) > Rank(baseline.Verdict);
        metrics.Add(new MetricDelta
        {
            Scenario = scenario,
            Metric = "verdict",
            BaselinePassed = baseline.Verdict == Verdict.Contained,
            CandidatePassed = candidate.Verdict == Verdict.Contained,
            Regressed = verdictWorse,
            Note = $"{VerdictText.Word(baseline.Verdict)} → {VerdictText.Word(candidate.Verdict)}",
        });

        var b = baseline.Summary;
        var c = candidate.Summary;
        void Add(string metric, double bv, double cv, MetricDirection direction, double floor) =>
            metrics.Add(Judge(new MetricDelta { Scenario = scenario, Metric = metric, Baseline = bv, Candidate = cv, Direction = direction, AbsoluteFloor = floor }, maxRegressionPercent));

        Add("throughput_per_s", b.RequestsPerSecond, c.RequestsPerSecond, MetricDirection.LowerIsWorse, ThroughputFloor);
        Add("error_rate", b.ErrorRate, c.ErrorRate, MetricDirection.HigherIsWorse, RateFloor);
        Add("dropped", b.Dropped, c.Dropped, MetricDirection.HigherIsWorse, 0);
        Add("latency.p50_ms", b.Latency.P50Ms, c.Latency.P50Ms, MetricDirection.HigherIsWorse, LatencyFloorMs);
        Add("latency.p95_ms", b.Latency.P95Ms, c.Latency.P95Ms, MetricDirection.HigherIsWorse, LatencyFloorMs);
        Add("latency.p99_ms", b.Latency.P99Ms, c.Latency.P99Ms, MetricDirection.HigherIsWorse, LatencyFloorMs);
        Add("service_time.p50_ms", b.ServiceTime.P50Ms, c.ServiceTime.P50Ms, MetricDirection.HigherIsWorse, LatencyFloorMs);
        Add("service_time.p95_ms", b.ServiceTime.P95Ms, c.ServiceTime.P95Ms, MetricDirection.HigherIsWorse, LatencyFloorMs);
        Add("service_time.p99_ms", b.ServiceTime.P99Ms, c.ServiceTime.P99Ms, MetricDirection.HigherIsWorse, LatencyFloorMs);

        var candidateChecks = candidate.Hypothesis.ToLookup(h => (h.Metric, h.Name));
        foreach (var check in baseline.Hypothesis)
        {
            var other = candidateChecks[(check.Metric, check.Name)].FirstOrDefault();
            if (other is null)
            {
                metrics.Add(new MetricDelta { Scenario = scenario, Metric = check.Metric, Check = check.Name, Baseline = check.Observed, BaselinePassed = check.Passed, Note = "check not in the candidate" });
                continue;
            }

            var delta = Judge(
                new MetricDelta
                {
                    Scenario = scenario,
                    Metric = check.Metric,
                    Check = check.Name,
                    Baseline = check.Observed,
                    Candidate = other.Observed,
                    Direction = DirectionOf(check.Expected),
                    AbsoluteFloor = FloorOf(check.Metric),
                    BaselinePassed = check.Passed,
                    CandidatePassed = other.Passed,
                },
                maxRegressionPercent);
            if (check.Passed && !other.Passed)
            {
                delta = delta with
                {
                    Regressed = true,
                    Note = other.Outcome == CheckOutcome.NotObserved ? "passed in the baseline, not observed in the candidate" : "passed in the baseline, fails in the candidate",
                };
            }

            metrics.Add(delta);
        }

        var baselineChecks = baseline.Hypothesis.Select(h => (h.Metric, h.Name)).ToHashSet();
        foreach (var check in candidate.Hypothesis.Where(h => !baselineChecks.Contains((h.Metric, h.Name))))
        {
            metrics.Add(new MetricDelta { Scenario = scenario, Metric = check.Metric, Check = check.Name, Candidate = check.Observed, CandidatePassed = check.Passed, Regressed = !check.Passed, Note = check.Passed ? "new check" : "new check, failing" });
        }

        return new ScenarioComparison(scenario, baseline, candidate, metrics);
    }

    /// <summary>The direction a check's operator implies: for <c>&lt;=</c>/<c>&lt;</c> higher is worse, for <c>&gt;=</c>/<c>&gt;</c> lower is.</summary>
    public static MetricDirection DirectionOf(string expected)
    {
        var text = (expected ?? string.Empty).TrimStart();
        return text.StartsWith('<') ? MetricDirection.HigherIsWorse
            : text.StartsWith('>') ? MetricDirection.LowerIsWorse
            : MetricDirection.Neither;
    }

    /// <summary>The noise floor for a hypothesis metric, from its unit in <see cref="MetricRegistry"/> (or its name's suffix).</summary>
    public static double FloorOf(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (MetricRegistry.Find(metric) is { } definition)
        {
            return definition.Unit switch
            {
                MetricUnit.Milliseconds => LatencyFloorMs,
                MetricUnit.Rate => RateFloor,
                MetricUnit.Seconds => DurationFloorS,
                MetricUnit.Ratio => RatioFloor,
                MetricUnit.PerSecond => ThroughputFloor,
                MetricUnit.Percent => 1,
                MetricUnit.Count => 0,
            };
        }

        return metric.Contains("_ms", StringComparison.Ordinal) ? LatencyFloorMs
            : metric.EndsWith("rate", StringComparison.Ordinal) ? RateFloor
            : metric.EndsWith("_s", StringComparison.Ordinal) ? DurationFloorS
            : metric.EndsWith("per_call", StringComparison.Ordinal) ? RatioFloor
            : 0;
    }

    private static MetricDelta Judge(MetricDelta metric, double maxRegressionPercent)
    {
        if (metric.Delta is not { } delta || metric.Direction == MetricDirection.Neither)
        {
            return metric;
        }

        var worse = metric.Direction == MetricDirection.HigherIsWorse ? delta : -delta;
        var relative = metric.Baseline == 0 ? (worse > 0 ? double.PositiveInfinity : 0) : worse / Math.Abs(metric.Baseline!.Value) * 100;
        var regressed = worse > metric.AbsoluteFloor && relative > maxRegressionPercent;
        return metric with
        {
            Regressed = regressed,
            Note = regressed ? $"worse beyond {maxRegressionPercent:0.#} %" : null,
        };
    }

    // Inconclusive and aborted rank beside not contained: a release that can no longer be judged is no better than one that fails.
    private static int Rank(Verdict verdict) => verdict switch
    {
        Verdict.Contained => 0,
        Verdict.Inconclusive => 1,
        Verdict.NotContained => 2,
        Verdict.Aborted => 2,
    };
}
