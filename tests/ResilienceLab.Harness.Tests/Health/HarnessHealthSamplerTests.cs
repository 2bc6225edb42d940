using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Harness.Health;
using ResilienceLab.Harness.Runs;

namespace ResilienceLab.Harness.Tests.Health;

public sealed class HarnessHealthSamplerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ScriptedGauges _gauges = new();

    [Fact]
    public void Sample_SecondEnds_RecordsCpuOfAllCoresGcPauseAndTheLongestQueue()
    {
        var sut = CreateSut(out var ended);

        // One second: 10 ticks; the process used 1 s of CPU on 2 cores (50 %), paused 30 ms, and queued up to 400 items.
        for (var tick = 1; tick <= 10; tick++)
        {
            _time.Advance(HarnessHealthSampler.Tick);
            _gauges.Now = new ProcessGaugeReading(TimeSpan.FromMilliseconds(100 * tick), TimeSpan.FromMilliseconds(3 * tick), tick == 4 ? 400 : 7);
            sut.Sample();
        }

        var second = Assert.Single(sut.Seconds);
        Assert.Equal(new HarnessSample(0, 400, 30, 50), second);
        Assert.Equal([0], ended);
    }

    [Fact]
    public void Sample_ATickArrivesLate_CpuIsOverTheRealWallTime()
    {
        var sut = CreateSut(out _);

        _time.Advance(TimeSpan.FromSeconds(2));
        _gauges.Now = new ProcessGaugeReading(TimeSpan.FromSeconds(4), TimeSpan.Zero, 0);
        sut.Sample();

        Assert.Equal(100, Assert.Single(sut.Seconds).CpuPercent);
    }

    private HarnessHealthSampler CreateSut(out List<int> ended)
    {
        var clock = new RunClock(_time);
        var sut = new HarnessHealthSampler(clock, _gauges);
        var seen = new List<int>();
        sut.SecondEnded += seen.Add;
        ended = seen;
        sut.Begin();
        return sut;
    }

    private sealed class ScriptedGauges : IProcessGauges
    {
        public ProcessGaugeReading Now { get; set; }

        public int ProcessorCount => 2;

        public ProcessGaugeReading Read() => Now;
    }
}
