using ResilienceLab.Load;

namespace ResilienceLab.Load.Tests.Scheduler;

public class ArrivalScheduleTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    public static TheoryData<string, long, double?> StartOfRows => new()
    {
        // plan, iteration number, expected intended start in ms (null: the schedule starts fewer)
        { "inject 10/1s 1s", 0, 0 },
        { "inject 10/1s 1s", 1, 100 },
        { "inject 10/1s 1s", 9, 900 },
        { "inject 10/1s 1s", 10, null },
        { "inject 1/100ms 1s", 3, 300 },
        { "inject 3/1s 2s", 1, 333.3333 },
        { "inject 3/1s 2s", 5, 1666.6667 },
        { "ramp 0→10/s over 2s", 0, 0 },
        { "ramp 0→10/s over 2s", 1, 632.4555 },
        { "ramp 0→10/s over 2s", 4, 1264.9111 },
        { "ramp 0→10/s over 2s", 9, 1897.3666 },
        { "ramp 0→10/s over 2s", 10, null },
        { "inject 10/s 1s, ramp →30/s over 1s", 10, 1000 },
        { "inject 10/s 1s, ramp →30/s over 1s", 15, 1366.0254 },
        { "inject 10/s 1s, ramp →30/s over 1s", 29, 1966.2878 },
        { "inject 10/s 1s, ramp →30/s over 1s", 30, null },
        { "inject 10/s 1s, pause 1s, inject 10/s 1s", 9, 900 },
        { "inject 10/s 1s, pause 1s, inject 10/s 1s", 10, 2000 },
        { "inject 10/s 1s, pause 1s, inject 10/s 1s", 19, 2900 },
        { "inject 10/s 1s, ramp →0 over 2s", 19, 2367.5445 },
        { "inject 10/s 1s, ramp →0 over 2s", 20, null },
        { "pause 1s, ramp 0→10/s over 2s", 1, 1632.4555 },
        { "iterations 5 at 100/s, inject 10/s 1s", 4, 40 },
        { "iterations 5 at 100/s, inject 10/s 1s", 5, 50 },
        { "iterations 5 at 100/s, inject 10/s 1s", 6, 150 },
    };

    public static TheoryData<string, long, double> CountRows => new()
    {
        // plan, iterations the schedule starts, its duration in seconds
        { "inject 10/1s 1s", 10, 1 },
        { "inject 10/3s 9s", 30, 9 },
        { "inject 1000/1s 60s", 60_000, 60 },
        { "inject 2.5/1s 1s", 3, 1 },
        { "ramp 0→10/s over 2s", 10, 2 },
        { "inject 10/s 1s, ramp →30/s over 1s", 30, 2 },
        { "inject 10/s 1s, ramp →0 over 2s", 20, 3 },
        { "inject 10/s 1s, pause 1s, inject 10/s 1s", 20, 3 },
        { "iterations 5 at 100/s, inject 10/s 1s", 15, 1.05 },
        { "ramp 0→5000/s over 10s, inject 5000/s 10s", 75_000, 20 },
    };

    public static TheoryData<string, int, int, long> CountBetweenRows => new()
    {
        // plan, from ms, to ms, iterations intended to start in [from, to)
        { "inject 10/1s 1s", 0, 1000, 10 },
        { "inject 10/1s 1s", 0, 500, 5 },
        { "inject 10/1s 1s", 50, 150, 1 },
        { "inject 10/1s 1s", 100, 200, 1 },
        { "inject 10/1s 1s", 500, 500, 0 },
        { "ramp 0→10/s over 2s", 0, 1000, 3 },
        { "ramp 0→10/s over 2s", 1000, 2000, 7 },
        { "inject 10/s 1s, pause 1s, inject 10/s 1s", 1000, 2000, 0 },
        { "inject 10/s 1s, pause 1s, inject 10/s 1s", 0, 5000, 20 },
        { "inject 10/s 1s, ramp →30/s over 1s", 1000, 2000, 20 },
    };

    [Theory]
    [MemberData(nameof(StartOfRows))]
    public void StartOf_Plan_IsWhereTheAreaUnderTheRateReachesN(string plan, long number, double? expectedMs)
    {
        var start = CreateSut(plan).StartOf(number);

        if (expectedMs is null)
        {
            Assert.Null(start);
        }
        else
        {
            Assert.NotNull(start);
            Assert.Equal(expectedMs.Value, start.Value.TotalMilliseconds, 3);
        }
    }

    [Theory]
    [MemberData(nameof(CountRows))]
    public void TotalIterations_Plan_IsTheAreaUnderTheRateRoundedUp(string plan, long expectedIterations, double expectedSeconds)
    {
        var sut = CreateSut(plan);

        Assert.Equal(expectedIterations, sut.TotalIterations);
        Assert.Equal(expectedIterations, sut.IntendedStarts().LongCount());
        Assert.Equal(expectedSeconds, sut.Duration.TotalSeconds, 6);
    }

    [Theory]
    [MemberData(nameof(CountBetweenRows))]
    public void CountBetween_Window_CountsIntendedStartsInside(string plan, int fromMs, int toMs, long expected)
    {
        var sut = CreateSut(plan);
        var from = TimeSpan.FromMilliseconds(fromMs);
        var to = TimeSpan.FromMilliseconds(toMs);

        Assert.Equal(expected, sut.CountBetween(from, to));
        Assert.Equal(expected, sut.IntendedStarts().LongCount(t => t >= from && t < to));
    }

    [Theory]
    [MemberData(nameof(CountRows))]
    public void IntendedStarts_Plan_MatchStartOfAndNeverGoBackwards(string plan, long expectedIterations, double expectedSeconds)
    {
        var sut = CreateSut(plan);
        var previous = TimeSpan.MinValue;
        long number = 0;

        foreach (var start in sut.IntendedStarts().Take(5_000))
        {
            Assert.Equal(sut.StartOf(number), start);
            Assert.True(start >= previous);
            Assert.True(start < sut.Duration);
            previous = start;
            number++;
        }

        Assert.Equal(Math.Min(expectedIterations, 5_000), number);
        Assert.True(expectedSeconds > 0);
    }

    [Fact]
    public void StartOf_LongConstantRun_DoesNotDrift()
    {
        var sut = new ArrivalSchedule([new Inject(10_000, S, TimeSpan.FromHours(1))]);

        Assert.Equal(TimeSpan.FromSeconds(3599.9999), sut.StartOf(35_999_999));
        Assert.Equal(TimeSpan.FromSeconds(1800), sut.StartOf(18_000_000));
    }

    internal static ArrivalSchedule CreateSut(string plan) => new(Plans[plan]);

    private static readonly Dictionary<string, LoadSimulation[]> Plans = new()
    {
        ["inject 10/1s 1s"] = [new Inject(10, S, S)],
        ["inject 1/100ms 1s"] = [new Inject(1, TimeSpan.FromMilliseconds(100), S)],
        ["inject 3/1s 2s"] = [new Inject(3, S, 2 * S)],
        ["inject 10/3s 9s"] = [new Inject(10, 3 * S, 9 * S)],
        ["inject 1000/1s 60s"] = [new Inject(1000, S, 60 * S)],
        ["inject 2.5/1s 1s"] = [new Inject(2.5, S, S)],
        ["ramp 0→10/s over 2s"] = [new RampingInject(10, S, 2 * S)],
        ["inject 10/s 1s, ramp →30/s over 1s"] = [new Inject(10, S, S), new RampingInject(30, S, S)],
        ["inject 10/s 1s, pause 1s, inject 10/s 1s"] = [new Inject(10, S, S), new Pause(S), new Inject(10, S, S)],
        ["inject 10/s 1s, ramp →0 over 2s"] = [new Inject(10, S, S), new RampingInject(0, S, 2 * S)],
        ["pause 1s, ramp 0→10/s over 2s"] = [new Pause(S), new RampingInject(10, S, 2 * S)],
        ["iterations 5 at 100/s, inject 10/s 1s"] = [new IterationsForInject(100, S, 5), new Inject(10, S, S)],
        ["ramp 0→5000/s over 10s, inject 5000/s 10s"] = [new RampingInject(5000, S, 10 * S), new Inject(5000, S, 10 * S)],
    };
}
