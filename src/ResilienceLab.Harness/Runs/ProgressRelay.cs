namespace ResilienceLab.Harness.Runs;

/// <summary>An <see cref="IProgress{T}"/> that calls straight through on the reporting thread (no synchronization context hop).</summary>
internal sealed class ProgressRelay<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
