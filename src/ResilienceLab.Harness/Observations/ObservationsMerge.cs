using ResilienceLab.Harness.Health;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Observations;

/// <summary>
/// N agents' observations of one run as one: counts added, HdrHistograms added (never percentiles averaged), arrivals,
/// transitions and journals joined in time order, faults joined by name (hits added, the widest window), the harness's
/// health the worst of the agents' each second. Seconds line up because every agent counts from the same instant
/// (<c>--start-at</c>) and counts an iteration in the second of its intended start, which is the schedule's.
/// A local run is the merge of one shard.
/// </summary>
public static class ObservationsMerge
{
    public static RunObservations Merge(IReadOnlyList<RunObservations> shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        if (shards.Count == 0)
        {
            throw new ArgumentException("no shards to merge", nameof(shards));
        }

        if (shards.Count == 1)
        {
            return shards[0];
        }

        var origin = shards.Min(s => s.Origin);

        // Offsets of each shard from the earliest origin, in whole seconds (0 when the agents shared --start-at).
        var shift = shards.Select(s => (int)Math.Round((s.Origin - origin).TotalSeconds)).ToList();
        var first = shards[0];
        var aborts = shards.Select(s => s.AbortReason).Where(a => a is not null).Distinct().ToList();
        return first with
        {
            Run = first.Run with
            {
                Segment = $"merged {shards.Count}",
                DurationS = shards.Max(s => s.Run.DurationS),
                StartedAt = shards.Min(s => s.Run.StartedAt),
                Machine = string.Join("; ", shards.Select(s => s.Run.Machine).Distinct()),
            },
            Origin = origin,
            LoadEndS = shards.Select((s, i) => s.LoadEndS + shift[i]).Max(),
            AbortReason = aborts.Count == 0 ? null : string.Join("; ", aborts),
            Load = Load([.. shards.Select((s, i) => (s.Load, shift[i]))]),
            Dependencies = first.Dependencies.Keys.ToDictionary(
                name => name,
                name => Dependency([.. shards.Select((s, i) => (s.Dependencies.GetValueOrDefault(name), shift[i], SoleInstance(s, name)))]),
                StringComparer.Ordinal),
            Transitions = [.. shards.SelectMany((s, i) => s.Transitions.Select(t => t with { AtS = t.AtS + shift[i] })).OrderBy(t => t.AtS)],
            Faults = Faults([.. shards.Select((s, i) => (s.Faults, shift[i]))]),
            QueueDepths = Depths([.. shards.Select((s, i) => (s, shift[i]))]),
            Messages = first.Messages.Keys.Union(shards.SelectMany(s => s.Messages.Keys)).Distinct(StringComparer.Ordinal).ToDictionary(
                channel => channel,
                channel => MessageAccounting.Total(shards.Select(s => s.Messages.GetValueOrDefault(channel)).Where(m => m is not null).Select(m => m!)),
                StringComparer.Ordinal),
            Harness = Harness([.. shards.Select((s, i) => (s.Harness, shift[i]))]),
            Control = shards.All(s => s.Control is null) ? null : Control([.. shards.Select((s, i) => (s.Control ?? [], shift[i]))]),
            Degraded = shards.Sum(s => s.Degraded),
            Journal = [.. shards.SelectMany(s => s.Journal).OrderBy(j => j.At)],
        };
    }

    private static LoadObservations? Load(IReadOnlyList<(LoadObservations? Load, int Shift)> shards)
    {
        var present = shards.Where(s => s.Load is not null).Select(s => (Load: s.Load!, s.Shift)).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        var seconds = present
            .SelectMany(s => s.Load.Seconds.Select(x => x with { Second = x.Second + s.Shift }))
            .GroupBy(x => x.Second)
            .OrderBy(g => g.Key)
            .Select(g => new LoadSecond
            {
                Second = g.Key,
                Started = g.Sum(x => x.Started),
                Ok = g.Sum(x => x.Ok),
                Failed = g.Sum(x => x.Failed),
                Dropped = g.Sum(x => x.Dropped),
                InFlight = g.Sum(x => x.InFlight),
                FailedByReason = Sum(g.Select(x => x.FailedByReason)),
                Latency = Add(g.Select(x => x.Latency)),
                ServiceTime = Add(g.Select(x => x.ServiceTime)),
                ScheduleLag = Add(g.Select(x => x.ScheduleLag)),
            });
        return new LoadObservations
        {
            Seconds = [.. seconds],
            Latency = Add(present.Select(s => s.Load.Latency), digits: 3),
            ServiceTime = Add(present.Select(s => s.Load.ServiceTime), digits: 3),
            ScheduleLag = Add(present.Select(s => s.Load.ScheduleLag), digits: 3),
            Started = present.Sum(s => s.Load.Started),
            Ok = present.Sum(s => s.Load.Ok),
            Failed = present.Sum(s => s.Load.Failed),
            Dropped = present.Sum(s => s.Load.Dropped),
            FailedByReason = Sum(present.Select(s => s.Load.FailedByReason)),
            Cancelled = present.Any(s => s.Load.Cancelled),
        };
    }

    /// <summary>
    /// The one instance a shard ran, named by its breaker transitions on the service (null when it ran a fleet, or its
    /// breaker never moved): a one-instance shard records its arrivals without an instance, yet once merged they are
    /// that instance's alone, never the other agents' instances'.
    /// </summary>
    private static string? SoleInstance(RunObservations shard, string service)
    {
        var ids = shard.Transitions.Where(t => t.Service == service && t.Instance is not null).Select(t => t.Instance!).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count == 1 ? ids[0] : null;
    }

    private static DependencyObservations Dependency(IReadOnlyList<(DependencyObservations? Dependency, int Shift, string? SoleInstance)> shards)
    {
        var present = shards.Where(s => s.Dependency is not null).Select(s => (Dependency: s.Dependency!, s.Shift, s.SoleInstance)).ToList();
        var seconds = present
            .SelectMany(s => s.Dependency.Seconds.Select(x => x with { Second = x.Second + s.Shift }))
            .GroupBy(x => x.Second)
            .OrderBy(g => g.Key)
            .Select(g => new DependencySample
            {
                Second = g.Key,
                Calls = g.Sum(x => x.Calls),
                Errors = g.Sum(x => x.Errors),
                Attempts = g.Sum(x => x.Attempts),
                Retries = g.Sum(x => x.Retries),
                Rejections = g.Sum(x => x.Rejections),
                TableOperations = g.Sum(x => x.TableOperations),
            })
            .ToList();
        return new DependencyObservations
        {
            Seconds = FillGaps(seconds),
            Total = new DependencySample
            {
                Calls = present.Sum(s => s.Dependency.Total.Calls),
                Errors = present.Sum(s => s.Dependency.Total.Errors),
                Attempts = present.Sum(s => s.Dependency.Total.Attempts),
                Retries = present.Sum(s => s.Dependency.Total.Retries),
                Rejections = present.Sum(s => s.Dependency.Total.Rejections),
                TableOperations = present.Sum(s => s.Dependency.Total.TableOperations),
            },
            ArrivalsUs = [.. present.SelectMany(s => s.Dependency.ArrivalsUs.Select(a => a + (s.Shift * 1_000_000L))).Order()],
            ArrivalsByInstanceUs = present
                .SelectMany(s => ByInstance(s.Dependency, s.SoleInstance).Select(i => (i.Key, Arrivals: i.Value.Select(a => a + (s.Shift * 1_000_000L)))))
                .GroupBy(i => i.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<long>)[.. g.SelectMany(i => i.Arrivals).Order()], StringComparer.Ordinal),
            AddedLatency = present
                .SelectMany(s => s.Dependency.AddedLatency.Select(a => (Second: a.Key + s.Shift, Encoded: a.Value)))
                .GroupBy(a => a.Second)
                .ToDictionary(g => g.Key, g => Add(g.Select(a => (string?)a.Encoded))!),
            HalfOpenMaxCalls = present.Count == 0 ? 1 : present[0].Dependency.HalfOpenMaxCalls,
            BreakerTableInstances = present.Sum(s => s.Dependency.BreakerTableInstances),

            // Arrivals are whole only when every agent's server saw its own agent's requests.
            Served = present.Count > 0 && present.All(s => s.Dependency.Served),
        };
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<long>> ByInstance(DependencyObservations dependency, string? soleInstance) =>
        dependency.ArrivalsByInstanceUs.Count == 0 && soleInstance is not null
            ? new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal) { [soleInstance] = dependency.ArrivalsUs }
            : dependency.ArrivalsByInstanceUs;

    /// <summary>The per-second list dense from second 0, so second N sits at index N.</summary>
    private static List<DependencySample> FillGaps(List<DependencySample> seconds)
    {
        if (seconds.Count == 0)
        {
            return seconds;
        }

        var bySecond = seconds.ToDictionary(s => s.Second);
        return [.. Enumerable.Range(0, seconds.Max(s => s.Second) + 1).Select(i => bySecond.GetValueOrDefault(i) ?? new DependencySample { Second = i })];
    }

    private static List<FaultReport> Faults(IReadOnlyList<(IReadOnlyList<FaultReport> Faults, int Shift)> shards) =>
    [
        .. shards
            .SelectMany(s => s.Faults.Select(f => f with
            {
                ActualStartS = f.ActualStartS + s.Shift,
                ActualEndS = f.ActualEndS + s.Shift,
            }))
            .GroupBy(f => (f.Name, f.Source))
            .Select(g => g.First() with
            {
                ActualStartS = g.Min(f => f.ActualStartS),
                ActualEndS = g.Max(f => f.ActualEndS),
                RequestsAffected = g.Sum(f => f.RequestsAffected),
                RolledBackEarly = g.Any(f => f.RolledBackEarly),
            }),
    ];

    /// <summary>
    /// Depths of in-process queues (each agent its own) add up; queues on a shared endpoint are the same queue seen from
    /// every agent, so the highest reading stands.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<QueueSample>> Depths(IReadOnlyList<(RunObservations Shard, int Shift)> shards)
    {
        var shared = shards[0].Shard.Run.Target != "local";
        return shards
            .SelectMany(s => s.Shard.QueueDepths.SelectMany(q => q.Value.Select(d => (Queue: q.Key, Sample: d with { Second = d.Second + s.Shift }))))
            .GroupBy(x => x.Queue, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<QueueSample>)[.. g.GroupBy(x => x.Sample.Second).OrderBy(s => s.Key).Select(s => shared
                    ? new QueueSample(s.Key, s.Max(x => x.Sample.Visible), s.Max(x => x.Sample.InFlight))
                    : new QueueSample(s.Key, s.Sum(x => x.Sample.Visible), s.Sum(x => x.Sample.InFlight)))],
                StringComparer.Ordinal);
    }

    /// <summary>The fleet is as healthy as its least healthy agent: each second takes the worst figure of any.</summary>
    private static List<HarnessSample> Harness(IReadOnlyList<(IReadOnlyList<HarnessSample> Samples, int Shift)> shards) =>
    [
        .. shards
            .SelectMany(s => s.Samples.Select(h => h with { Second = h.Second + s.Shift }))
            .GroupBy(h => h.Second)
            .OrderBy(g => g.Key)
            .Select(g => new HarnessSample(g.Key, g.Max(h => h.ThreadPoolQueueMax), g.Max(h => h.GcPauseMs), g.Max(h => h.CpuPercent))),
    ];

    private static List<ControlSample> Control(IReadOnlyList<(IReadOnlyList<ControlSample> Samples, int Shift)> shards) =>
    [
        .. shards
            .SelectMany(s => s.Samples.Select(c => c with { Second = c.Second + s.Shift }))
            .GroupBy(c => c.Second)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var latency = Add(g.Select(c => c.Latency));
                var p99 = latency is null ? 0 : Math.Round(HistogramCodec.Percentiles(HistogramCodec.Decode(latency)).P99Ms, 3);
                return new ControlSample(g.Key, g.Sum(c => c.Ok), g.Sum(c => c.Failed), p99) { Latency = latency };
            }),
    ];

    /// <summary>Encoded histograms added into one (null when there is none).</summary>
    private static string? Add(IEnumerable<string?> encoded, int digits = 2)
    {
        var parts = encoded.Where(e => e is not null).ToList();
        return parts.Count switch
        {
            0 => null,
            1 => parts[0],
            _ => HistogramCodec.Encode(HistogramCodec.Sum(parts, digits)),
        };
    }

    private static SortedDictionary<string, long> Sum(IEnumerable<IReadOnlyDictionary<string, long>> counts)
    {
        var sum = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in counts.SelectMany(c => c))
        {
            sum[key] = sum.GetValueOrDefault(key) + value;
        }

        return sum;
    }
}
