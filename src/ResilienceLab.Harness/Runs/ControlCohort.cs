using System.Collections.Concurrent;
using ResilienceLab.Load;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// The control group of a scenario with <c>"control": true</c> (as Netflix's ChAP runs one): an identical stack and
/// dependency set driven by the same arrivals, never faulted. Its per-second outcomes and service time let hypothesis
/// checks compare the experiment with the control rather than with the time before the fault.
/// </summary>
internal sealed class ControlCohort
{
    private const string Step = "control";
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly StepStats _latency;
    private readonly ConcurrentDictionary<int, long[]> _outcomes = new();

    public ControlCohort(RunSession session, WorkflowDefinition workflow, TimeProvider timeProvider)
    {
        Session = session;
        Workflow = workflow;
        _time = timeProvider;
        _origin = timeProvider.GetTimestamp();
        _latency = new StepStats(timeProvider);
    }

    public RunSession Session { get; }

    public WorkflowDefinition Workflow { get; }

    /// <summary>Runs one control iteration alongside an experiment iteration.</summary>
    public async Task RunIterationAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var second = (int)_time.GetElapsedTime(_origin).TotalSeconds;
        var result = await Session.Stack.Orchestrator.ExecuteWorkflowAsync(Workflow, cancellationToken).ConfigureAwait(false);
        _latency.Record(Step, _time.GetElapsedTime(started));
        var counts = _outcomes.GetOrAdd(second, _ => new long[2]);
        Interlocked.Increment(ref counts[result.Status == WorkflowStatus.Completed ? 0 : 1]);
    }

    /// <summary>The control's seconds so far: ok, failed and p99 service time.</summary>
    public IReadOnlyList<ControlSample> Samples()
    {
        var latency = _latency.Snapshot().FirstOrDefault(s => s.Step == Step)?.Timeline.ToDictionary(s => s.Second) ?? [];
        return [.. _outcomes.Keys.Concat(latency.Keys).Distinct().Order().Select(second =>
        {
            var counts = _outcomes.TryGetValue(second, out var c) ? c : [0, 0];
            return new ControlSample(second, Interlocked.Read(ref counts[0]), Interlocked.Read(ref counts[1]), latency.TryGetValue(second, out var l) ? Math.Round(l.Latency.P99Ms, 3) : 0);
        })];
    }
}
