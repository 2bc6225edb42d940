using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Chaos.Faults;

namespace ResilienceLab.Chaos.Tests.Faults;

public sealed class ManualFaultsTests
{
    private static readonly FaultSpec PaymentErrors = new() { Name = "payment-errors", Kind = FaultKind.HttpError, Target = "payment", Start = TimeSpan.Zero, Duration = TimeSpan.FromSeconds(5) };

    [Fact]
    public void StartNow_ThenItsDurationElapses_SwitchesOnAndOffThroughTheTarget()
    {
        var (sut, time, target) = CreateSut();
        List<(string, bool)> switched = [];
        sut.Switched += (spec, on) => switched.Add((spec.Name, on));
        time.Advance(TimeSpan.FromSeconds(2));

        sut.StartNow(PaymentErrors);
        Assert.True(sut.IsActive("payment-errors"));
        Assert.Single(target.On);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(sut.IsActive("payment-errors"));
        Assert.Empty(target.On);
        Assert.Equal([("payment-errors", true), ("payment-errors", false)], switched);
        var record = Assert.Single(sut.Records());
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(7), false), (record.ActualStart!.Value, record.ActualEnd!.Value, record.RolledBackEarly));
    }

    [Fact]
    public void RollbackAll_WhileOn_SwitchesEveryFaultOffAndRefusesLaterStarts()
    {
        var (sut, _, target) = CreateSut();
        sut.StartNow(PaymentErrors with { Duration = TimeSpan.Zero });
        Assert.Throws<InvalidOperationException>(() => sut.StartNow(PaymentErrors));

        sut.RollbackAll();

        Assert.Empty(target.On);
        Assert.Empty(sut.Active());
        Assert.False(sut.StopNow("payment-errors"));
        Assert.Throws<InvalidOperationException>(() => sut.StartNow(PaymentErrors));
        Assert.NotNull(Assert.Single(sut.Records()).ActualEnd);
    }

    [Fact]
    public void StartNow_UnknownTarget_Throws()
    {
        var (sut, _, _) = CreateSut();

        Assert.Throws<ArgumentException>(() => sut.StartNow(PaymentErrors with { Target = "billing" }));
    }

    private static (ManualFaults Sut, FakeTimeProvider Time, RecordingTarget Target) CreateSut()
    {
        var time = new FakeTimeProvider();
        var target = new RecordingTarget();
        return (new ManualFaults(new SingleService("payment", target), time, time.GetTimestamp(), seed: 7), time, target);
    }

    private sealed class RecordingTarget : IFaultTarget
    {
        public List<ActiveFault> On { get; } = [];

        public void Activate(ActiveFault fault) => On.Add(fault);

        public void Deactivate(ActiveFault fault) => On.Remove(fault);
    }

    private sealed class SingleService(string name, IFaultTarget target) : IFaultTargets
    {
        public IFaultTarget? Find(string targetName, FaultKind kind) => targetName == name ? target : null;

        public IReadOnlyCollection<string> Known(FaultKind kind) => [name];
    }
}
