using ResilienceLab.Load;

namespace ResilienceLab.Harness.Input;

/// <summary>
/// The parts of one split (agents' shards, a gate's shards, load results), checked to be complete: one N for all, every
/// segment 1..N exactly once. Each problem names the part it is about.
/// </summary>
public static class SegmentSet
{
    /// <param name="parts">Each part's source (a file or folder) and segment.</param>
    /// <param name="field">The field a problem names (<c>segment</c>, <c>shard</c>).</param>
    /// <param name="each">What a merge needs of every part, e.g. "agent's shard".</param>
    public static IEnumerable<InputProblem> Problems(IReadOnlyList<(string Source, ExecutionSegment Segment)> parts, string field, string each)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            yield break;
        }

        if (parts.Select(p => p.Segment.Count).Distinct().Count() > 1)
        {
            yield return new InputProblem(parts[0].Source, field, $"the parts split the run in different ways ({string.Join(", ", parts.Select(p => p.Segment))})");
            yield break;
        }

        var n = parts[0].Segment.Count;
        foreach (var duplicate in parts.GroupBy(p => p.Segment.Index).Where(g => g.Count() > 1))
        {
            yield return new InputProblem(duplicate.Last().Source, field, $"{field} {duplicate.Key}/{n} is there twice ({string.Join(", ", duplicate.Select(d => d.Source))})");
        }

        var missing = Enumerable.Range(1, n).Except(parts.Select(p => p.Segment.Index)).ToList();
        if (missing.Count > 0)
        {
            yield return new InputProblem(parts[0].Source, field, $"{field}{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", missing.Select(m => $"{m}/{n}"))} missing: a merge needs every {each}");
        }
    }
}
