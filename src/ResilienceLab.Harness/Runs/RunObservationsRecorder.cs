using ResilienceLab.Harness.Observations;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Runs;

/// <summary>
/// Reads what a live session saw into <see cref="RunObservations"/>, once the run is over and before the session is
/// disposed: the load's seconds, the stack's counters, the dependency servers' arrivals and own latency, breaker
/// transitions, queue depths and the harness's health. Everything afterwards (the report, a shard, a merge) reads the data.
/// </summary>
internal static class RunObservationsRecorder
{
    public static RunObservations Record(RunSession? session, RunRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        var load = recording.Load;
        return new RunObservations
        {
            RunId = recording.RunId,
            Scenario = recording.Scenario,
            Run = recording.Identity with { RunId = recording.RunId, DurationS = Math.Round(session?.Elapsed.TotalSeconds ?? 0, 3) },
            Origin = session?.Clock.OriginUtc ?? recording.Identity.StartedAt,
            LoadEndS = load is null ? 0 : LoadEnd(load),
            AbortReason = recording.AbortReason,
            Load = load is null ? null : Load(load),
            Dependencies = session is null ? new Dictionary<string, DependencyObservations>() : Dependencies(session),
            Transitions = session is null ? [] : [.. session.Metrics.Transitions.Select(t => new TransitionObservation(
                Math.Round(t.At.TotalSeconds, 6), t.Transition.ServiceName, t.Transition.From.ToString(), t.Transition.To.ToString(), t.Transition.Reason)
            {
                Instance = t.Instance,
            })],
            Faults = recording.Faults,
            QueueDepths = session?.QueueDepths ?? new Dictionary<string, IReadOnlyList<QueueSample>>(),
            Messages = recording.Messages,
            Harness = session?.HarnessSeconds ?? [],
            Control = recording.Control,
            Degraded = recording.Degraded,
            Journal = recording.Journal,
        };
    }

    private static double LoadEnd(LoadResult load) => load.Timeline.Count == 0 ? 0 : load.Timeline.Max(t => t.Second) + 1;

    private static LoadObservations Load(LoadResult load) => new()
    {
        Seconds = [.. load.Timeline.Select(t => new LoadSecond
        {
            Second = t.Second,
            Started = t.Started,
            Ok = t.Ok,
            Failed = t.Failed,
            Dropped = t.Dropped,
            InFlight = t.InFlight,
            FailedByReason = t.FailedByReason,
            Latency = t.Histograms.Latency,
            ServiceTime = t.Histograms.ServiceTime,
            ScheduleLag = t.Histograms.ScheduleLag,
        })],
        Latency = load.Histograms.Latency,
        ServiceTime = load.Histograms.ServiceTime,
        ScheduleLag = load.Histograms.ScheduleLag,
        Started = load.Summary.Started,
        Ok = load.Summary.Ok,
        Failed = load.Summary.Failed,
        Dropped = load.Summary.Dropped,
        FailedByReason = load.Summary.FailedByReason,
        Cancelled = load.Cancelled,
    };

    private static Dictionary<string, DependencyObservations> Dependencies(RunSession session)
    {
        var seconds = Math.Max(0, (int)Math.Ceiling(session.Elapsed.TotalSeconds));
        return session.Config.Services.ToDictionary(
            s => s.Name,
            s =>
            {
                var served = session.Dependencies.TryGetValue(s.Name, out var server);
                var fleet = session.Stack.Instances;
                return new DependencyObservations
                {
                    Seconds = [.. Enumerable.Range(0, seconds).Select(i => Sample(i, session.Metrics.Second(s.Name, i)))],
                    Total = Sample(0, session.Metrics.Total(s.Name)),
                    ArrivalsUs = served ? [.. server!.Arrivals().Select(Microseconds).Order()] : [],
                    ArrivalsByInstanceUs = served && fleet.Count > 1
                        ? server!.ArrivalsByInstance().Where(a => a.Key >= 1 && a.Key <= fleet.Count).ToDictionary(a => fleet[a.Key - 1].Id, a => (IReadOnlyList<long>)[.. a.Value.Select(Microseconds).Order()], StringComparer.Ordinal)
                        : new Dictionary<string, IReadOnlyList<long>>(),
                    AddedLatency = served ? server!.AddedLatency() : new Dictionary<int, string>(),
                    HalfOpenMaxCalls = s.CircuitBreaker.HalfOpenMaxCalls,
                    BreakerTableInstances = session.Config.TableBackedBreakers.Contains(s.Name) ? fleet.Count : 0,
                    Served = served,
                };
            },
            StringComparer.Ordinal);
    }

    private static long Microseconds(TimeSpan offset) => (long)Math.Round(offset.TotalMicroseconds);

    private static DependencySample Sample(int second, ServiceSecondCounts counts) => new()
    {
        Second = second,
        Calls = counts.Calls,
        Errors = counts.Errors,
        Attempts = counts.Attempts,
        Retries = counts.Retries,
        Rejections = counts.Rejections,
        TableOperations = counts.TableOperations,
    };
}
