using ResilienceLab.Load;

namespace ResilienceLab.Load.Tests.Scheduler;

public class ExecutionSegmentTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Owns_AllSegmentsOfARampWithFractionalRates_StartExactlyTheSingleAgentScheduleOnce(int agents)
    {
        // A ramp from 0 to 7.3/s, a fractional steady rate, a pause and a spike: every arrival belongs to one agent.
        var schedule = new ArrivalSchedule([new RampingInject(7.3, S, 10 * S), new Inject(2.5, S, 9 * S), new Pause(3 * S), new Inject(41, S, 2 * S)]);
        var whole = schedule.IntendedStarts().ToList();

        var owners = whole.Select((_, n) => Enumerable.Range(1, agents).Count(i => new ExecutionSegment(i, agents).Owns(n))).ToList();
        var perAgent = Enumerable.Range(1, agents).Select(i => whole.Where((_, n) => new ExecutionSegment(i, agents).Owns(n)).Count()).ToList();

        Assert.All(owners, count => Assert.Equal(1, count));
        Assert.Equal(whole.Count, perAgent.Sum());
        Assert.True(perAgent.Max() - perAgent.Min() <= 1, "arrivals are spread as evenly as integers allow");
    }

    [Theory]
    [InlineData(10, 4)]
    [InlineData(3, 4)]
    [InlineData(0, 3)]
    [InlineData(1_000_001, 7)]
    public void ShareOf_Copies_AddUpAndDifferByAtMostOne(long total, int agents)
    {
        var shares = Enumerable.Range(1, agents).Select(i => new ExecutionSegment(i, agents).ShareOf(total)).ToList();

        Assert.Equal(total, shares.Sum());
        Assert.True(shares.Max() - shares.Min() <= 1);
    }

    [Theory]
    [InlineData("2/4", 2, 4)]
    [InlineData("1/1", 1, 1)]
    public void Parse_Valid_ReadsIndexAndCount(string text, int index, int count) =>
        Assert.Equal(new ExecutionSegment(index, count), ExecutionSegment.Parse(text, out _));

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("2")]
    [InlineData("a/b")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("1/100000")]
    public void Parse_Invalid_SaysWhat(string text)
    {
        Assert.Null(ExecutionSegment.Parse(text, out var error));
        Assert.Contains("I/N", error, StringComparison.Ordinal);
    }
}
