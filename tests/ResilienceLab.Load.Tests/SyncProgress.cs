using System.Collections.Concurrent;

namespace ResilienceLab.Load.Tests;

/// <summary>An <see cref="IProgress{T}"/> that keeps every report on the reporting thread.</summary>
internal sealed class SyncProgress<T> : IProgress<T>
{
    public ConcurrentQueue<T> Reports { get; } = new();

    public void Report(T value) => Reports.Enqueue(value);
}
