using System.Globalization;

namespace ResilienceLab.Load;

/// <summary>
/// One agent's share of a run split across <see cref="Count"/> agents (k6's execution segments, in equal parts):
/// agent <see cref="Index"/> (from 1) starts every <see cref="Count"/>-th arrival of the single-agent schedule, so the
/// agents together start exactly that schedule, ramps and fractional rates included, without drift; and of
/// <c>c</c> closed-model copies it runs <c>c / N</c>, one more for the first <c>c mod N</c> agents.
/// </summary>
public readonly record struct ExecutionSegment(int Index, int Count)
{
    /// <summary>The most agents a run is split across.</summary>
    public const int MaxCount = 10_000;

    /// <summary>The whole run (one agent).</summary>
    public static ExecutionSegment Whole { get; } = new(1, 1);

    public bool IsWhole => Count == 1;

    /// <summary>True when iteration <paramref name="number"/> (from 0) of the single-agent schedule is this agent's.</summary>
    public bool Owns(long number) => number % Count == Index - 1;

    /// <summary>This agent's share of <paramref name="total"/> copies or iterations.</summary>
    public long ShareOf(long total) => (total / Count) + (Index - 1 < total % Count ? 1 : 0);

    /// <summary>This agent's share of <paramref name="total"/> copies.</summary>
    public int ShareOf(int total) => (int)ShareOf((long)total);

    /// <summary>Reads <c>I/N</c> (1 ≤ I ≤ N ≤ <see cref="MaxCount"/>); null with the reason when it is not one.</summary>
    public static ExecutionSegment? Parse(string text, out string? error)
    {
        error = null;
        var parts = (text ?? string.Empty).Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count is >= 1 and <= MaxCount
            && index >= 1 && index <= count)
        {
            return new ExecutionSegment(index, count);
        }

        error = $"expected I/N with 1 <= I <= N <= {MaxCount} (agent I of N), e.g. 2/4";
        return null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
