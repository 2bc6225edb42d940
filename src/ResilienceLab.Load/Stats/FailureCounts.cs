using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ResilienceLab.Load;

/// <summary>Failures counted by reason, thread-safe, with at most <see cref="MaxReasons"/> distinct reasons (the rest as <c>other</c>).</summary>
/// <remarks>
/// Counting a known reason is one lookup and one interlocked add: no lock, since every failed iteration of a storm
/// counts here from every thread at once (ConcurrentDictionary.Count would take all of its locks on each call).
/// </remarks>
internal sealed class FailureCounts
{
    public const int MaxReasons = 64;
    public const string OtherReason = "other";

    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);
    private int _distinct;

    public void Add(string reason)
    {
        if (!_counts.TryGetValue(reason, out var count))
        {
            count = Volatile.Read(ref _distinct) >= MaxReasons && reason != OtherReason
                ? _counts.GetOrAdd(OtherReason, static _ => new StrongBox<long>())
                : _counts.GetOrAdd(reason, static (_, counts) =>
                {
                    Interlocked.Increment(ref counts._distinct);
                    return new StrongBox<long>();
                }, this);
        }

        Interlocked.Increment(ref count.Value);
    }

    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_counts.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value), StringComparer.Ordinal), StringComparer.Ordinal);
}
