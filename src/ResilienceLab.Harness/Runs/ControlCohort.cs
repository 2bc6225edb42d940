using System.Collections.Concurrent;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Load;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// The control group of a scenario with <c>"control": true</c> (as Netflix's ChAP runs one): an identical stack and
/// dependency set driven by the same arrivals, never faulted. Its per-second outcomes and latency (a histogram per
/// second, counted in the second of the arrival, as the experiment's) let hypothesis checks compare the experiment with
/// the control rather than with the time before the fault.
/// </summary>
internal sealed class ControlCohort
{
    private readonly RunClock _clock;
    private readonly SecondHistogramRecorder _latency = new();
    private readonly ConcurrentDictionary<int, long[]> _outcomes = new();

    /// <param name="session">The control's own session.</param>
    /// <param name="workflow">The workflow both cohorts run.</param>
    /// <param name="clock">The experiment's clock, so the two timelines line up second for second.</param>
    public ControlCohort(RunSession session, WorkflowDefinition workflow, RunClock clock)
    {
        Session = session;
        Workflow = workflow;
        _clock = clock;
    }

    public RunSession Session { get; }

    public WorkflowDefinition Workflow { get; }

    /// <summary>Runs one control iteration alongside an experiment iteration (started at its arrival, so its latency is corrected).</summary>
    public async Task RunIterationAsync(CancellationToken cancellationToken)
    {
        var started = _clock.Time.GetTimestamp();
        var second = Math.Max(0, _clock.Second);
        var result = await Session.Stack.Orchestrator.ExecuteWorkflowAsync(Workflow, cancellationToken).ConfigureAwait(false);
        _latency.Record(second, _clock.Time.GetElapsedTime(started));
        var counts = _outcomes.GetOrAdd(second, _ => new long[2]);
        Interlocked.Increment(ref counts[result.Status == WorkflowStatus.Completed ? 0 : 1]);
    }

    /// <summary>The control's seconds so far: ok, failed and the latency histogram.</summary>
    public IReadOnlyList<ControlSample> Samples()
    {
        var latency = _latency.Encoded();
        return [.. _outcomes.Keys.Concat(latency.Keys).Distinct().Order().Select(second =>
        {
            var counts = _outcomes.TryGetValue(second, out var c) ? c : [0, 0];
            var encoded = latency.GetValueOrDefault(second);
            var p99 = encoded is null ? 0 : Math.Round(HistogramCodec.Percentiles(HistogramCodec.Decode(encoded)).P99Ms, 3);
            return new ControlSample(second, Interlocked.Read(ref counts[0]), Interlocked.Read(ref counts[1]), p99) { Latency = encoded };
        })];
    }
}
