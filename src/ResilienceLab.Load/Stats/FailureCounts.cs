using System.Collections.Concurrent;

namespace ResilienceLab.Load;

/// <summary>Failures counted by reason, thread-safe, with at most <see cref="MaxReasons"/> distinct reasons (the rest as <c>other</c>).</summary>
internal sealed class FailureCounts
{
    public const int MaxReasons = 64;
    public const string OtherReason = "other";

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string reason)
    {
        if (_counts.Count >= MaxReasons && !_counts.ContainsKey(reason))
        {
            reason = OtherReason;
        }

        _counts.AddOrUpdate(reason, 1, static (_, count) => count + 1);
    }

    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_counts.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
}
