using ResilienceLab.Harness.Input;
using ResilienceLab.Load;

namespace ResilienceLab.Harness.Tests.Input;

public sealed class SegmentSetTests
{
    [Fact]
    public void Problems_EverySegmentOnce_None()
    {
        Assert.Empty(SegmentSet.Problems([("b", new ExecutionSegment(2, 2)), ("a", new ExecutionSegment(1, 2))], "segment", "agent's shard"));
    }

    [Fact]
    public void Problems_OneMissing_NamesItAndWhatAMergeNeeds()
    {
        var problem = Assert.Single(SegmentSet.Problems([("a", new ExecutionSegment(1, 3)), ("c", new ExecutionSegment(3, 3))], "shard", "shard's output"));

        Assert.Equal("shard 2/3 missing: a merge needs every shard's output", problem.Message);
        Assert.Equal("a", problem.File);
    }

    [Fact]
    public void Problems_Twice_NamesBothSources()
    {
        var problems = SegmentSet.Problems([("a", new ExecutionSegment(1, 2)), ("b", new ExecutionSegment(1, 2))], "segment", "agent's shard").ToList();

        Assert.Contains(problems, p => p.File == "b" && p.Message.StartsWith("segment 1/2 is there twice (a, b)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Message.StartsWith("segment 2/2 missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_DifferentSplits_OneProblemOnly()
    {
        var problem = Assert.Single(SegmentSet.Problems([("a", new ExecutionSegment(1, 2)), ("b", new ExecutionSegment(2, 3))], "segment", "agent's shard"));

        Assert.Contains("different ways (1/2, 2/3)", problem.Message, StringComparison.Ordinal);
    }
}
