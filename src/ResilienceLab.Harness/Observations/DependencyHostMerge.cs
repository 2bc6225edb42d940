namespace ResilienceLab.Harness.Observations;

/// <summary>
/// A merged run whose agents called one dependency host: arrivals, added latency and HTTP faults are the host's (one
/// server saw every request), shifted onto the merged run's origin; the agents' own counts and API/process faults stay.
/// The host knows which instance of which agent sent each request, so every agent's breaker is judged on its own calls.
/// </summary>
public static class DependencyHostMerge
{
    public static RunObservations Apply(RunObservations merged, DependencyHostRecords host)
    {
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(host);
        var shift = (int)Math.Round((host.Origin - merged.Origin).TotalSeconds);
        var shiftUs = shift * 1_000_000L;
        var instances = host.Instances > 1 || host.Services.Values.Any(s => s.ArrivalsByInstanceUs.Count > 1);
        return merged with
        {
            Dependencies = merged.Dependencies.ToDictionary(
                d => d.Key,
                d => host.Services.TryGetValue(d.Key, out var hosted)
                    ? d.Value with
                    {
                        ArrivalsUs = [.. hosted.ArrivalsUs.Select(a => a + shiftUs)],
                        ArrivalsByInstanceUs = instances
                            ? hosted.ArrivalsByInstanceUs.ToDictionary(i => i.Key, i => (IReadOnlyList<long>)[.. i.Value.Select(a => a + shiftUs)], StringComparer.Ordinal)
                            : new Dictionary<string, IReadOnlyList<long>>(),
                        AddedLatency = hosted.AddedLatency.ToDictionary(a => a.Key + shift, a => a.Value),
                        Served = true,
                    }
                    : d.Value,
                StringComparer.Ordinal),
            Faults = [.. merged.Faults, .. host.Faults.Select(f => f with { ActualStartS = f.ActualStartS + shift, ActualEndS = f.ActualEndS + shift })],
        };
    }
}
