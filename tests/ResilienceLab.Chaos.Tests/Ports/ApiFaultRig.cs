using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Chaos.Ports;
using ResilienceLab.Infrastructure.Local;

namespace ResilienceLab.Chaos.Tests.Ports;

/// <summary>Local queue, topic, bus and breaker table behind their fault decorators, with one scheduled API fault on a fake clock.</summary>
internal sealed class ApiFaultRig : IAsyncDisposable
{
    private readonly LocalEventBus _bus;

    private ApiFaultRig(FaultSpec spec)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Injector = new ApiFaultInjector(Time);
        Queue = new FaultyMessageQueue(new LocalMessageQueue("shipping-requests", Time), Injector);
        Topic = new FaultyTopic(new LocalTopic("order-notifications"), Injector);
        _bus = new LocalEventBus("order-events", Time);
        Bus = new FaultyEventBus(_bus, Injector);
        Table = new FaultyBreakerTable(new LocalBreakerTable("circuit-breaker"), Injector);
        Schedule = new FaultSchedule([spec], new FaultTargets().Add(Injector), Time, Time.GetTimestamp(), SeededHits.Seed);
        Schedule.Arm();
    }

    public FakeTimeProvider Time { get; }

    public ApiFaultInjector Injector { get; }

    public FaultyMessageQueue Queue { get; }

    public FaultyTopic Topic { get; }

    public FaultyEventBus Bus { get; }

    public FaultyBreakerTable Table { get; }

    public FaultSchedule Schedule { get; }

    public FaultRecord Record => Schedule.Records().Single();

    /// <summary>A fault from 1 s to 11 s.</summary>
    public static FaultSpec Fault(FaultKind kind, string target, double rate = 1.0, params string[] operations) => new()
    {
        Name = "api-fault",
        Kind = kind,
        Target = target,
        Start = TimeSpan.FromSeconds(1),
        Duration = TimeSpan.FromSeconds(10),
        Rate = rate,
        Operations = operations,
    };

    public static ApiFaultRig Arm(FaultSpec spec) => new(spec);

    public async ValueTask DisposeAsync()
    {
        Schedule.Dispose();
        await _bus.DisposeAsync();
    }
}
