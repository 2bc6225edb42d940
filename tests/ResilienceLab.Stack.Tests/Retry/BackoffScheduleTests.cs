using ResilienceLab.Stack.Retry;

namespace ResilienceLab.Stack.Tests.Retry;

public sealed class BackoffScheduleTests
{
    private static readonly double[] Draws = [0.5, 0.25, 0.75, 0.1];

    [Fact]
    public void Delay_NoJitter_IsDocumentsExponentialCappedAtMaxDelay()
    {
        var sut = CreateSut(JitterMode.None);

        var delays = Sequence(sut, 6);

        Assert.Equal([100, 200, 400, 800, 1000, 1000], delays);
    }

    [Fact]
    public void Delay_FullJitter_IsDrawTimesExponential()
    {
        var sut = CreateSut(JitterMode.Full);

        var delays = Sequence(sut, 4);

        AssertClose([50, 50, 300, 80], delays);
    }

    [Fact]
    public void Delay_EqualJitter_IsHalfPlusDrawTimesHalf()
    {
        var sut = CreateSut(JitterMode.Equal);

        var delays = Sequence(sut, 4);

        AssertClose([75, 125, 350, 440], delays);
    }

    [Fact]
    public void Delay_DecorrelatedJitter_IsBetweenBaseAndThreeTimesPrevious()
    {
        var sut = CreateSut(JitterMode.Decorrelated);

        var delays = Sequence(sut, 4);

        // 100 + r * (max(prev, 100) * 3 - 100), previous delay fed back each time.
        AssertClose([200, 225, 531.25, 249.375], delays);
    }

    [Fact]
    public void Delay_DecorrelatedJitterFarAboveCap_IsCapped()
    {
        var sut = new BackoffSchedule(Options(JitterMode.Decorrelated), () => 0.99);

        var delay = sut.Delay(3, TimeSpan.FromMilliseconds(800));

        Assert.Equal(1000, delay.TotalMilliseconds, 6);
    }

    [Fact]
    public void Delay_HugeAttempt_StaysAtCap()
    {
        var sut = CreateSut(JitterMode.None);

        Assert.Equal(TimeSpan.FromSeconds(1), sut.Delay(5000, TimeSpan.Zero));
    }

    [Fact]
    public void Delay_ZeroBaseAfterManyAttempts_IsZeroNotNaN()
    {
        var sut = new BackoffSchedule(new RetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.FromSeconds(1) }, () => 0.5);

        Assert.Equal(TimeSpan.Zero, sut.Delay(2000, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(JitterMode.Full)]
    [InlineData(JitterMode.Equal)]
    [InlineData(JitterMode.Decorrelated)]
    public void Delay_SameSeed_ReplaysTheSameSequence(JitterMode jitter)
    {
        var first = Sequence(new BackoffSchedule(Options(jitter), new Random(42).NextDouble), 8);
        var second = Sequence(new BackoffSchedule(Options(jitter), new Random(42).NextDouble), 8);

        Assert.Equal(first, second);
        Assert.All(first, d => Assert.InRange(d, 0, 1000));
    }

    private static RetryOptions Options(JitterMode jitter) => new()
    {
        BaseDelay = TimeSpan.FromMilliseconds(100),
        BackoffFactor = 2,
        MaxDelay = TimeSpan.FromMilliseconds(1000),
        Jitter = jitter,
    };

    private static BackoffSchedule CreateSut(JitterMode jitter)
    {
        var index = 0;
        return new BackoffSchedule(Options(jitter), () => Draws[index++ % Draws.Length]);
    }

    private static List<double> Sequence(BackoffSchedule schedule, int count)
    {
        var delays = new List<double>();
        var previous = TimeSpan.Zero;
        for (var attempt = 0; attempt < count; attempt++)
        {
            previous = schedule.Delay(attempt, previous);
            delays.Add(previous.TotalMilliseconds);
        }

        return delays;
    }

    private static void AssertClose(double[] expected, List<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 6);
        }
    }
}
