using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Chaos.Process;
using ResilienceLab.Infrastructure.Local;

namespace ResilienceLab.Chaos.Tests.Process;

/// <summary>A local queue with a dead-letter queue (maxReceiveCount 3, visibility 30 s), its consumer and producer switches, and one scheduled fault.</summary>
internal sealed class ProcessFaultRig : IDisposable
{
    public const string QueueName = "shipping-requests";
    public static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);

    private ProcessFaultRig(FaultSpec spec)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        DeadLetters = new LocalMessageQueue(QueueName + "-dlq", Time);
        Queue = new LocalMessageQueue(QueueName, Time, new LocalQueueOptions { VisibilityTimeout = Visibility, DeadLetterQueue = DeadLetters, MaxReceiveCount = 3 });
        Consumers = new ConsumerFaults([QueueName]);
        Poison = new PoisonMarker([QueueName]);
        Schedule = new FaultSchedule([spec], new FaultTargets().Add(Consumers).Add(Poison), Time, Time.GetTimestamp(), SeededHits.Seed);
        Schedule.Arm();
    }

    public FakeTimeProvider Time { get; }

    public LocalMessageQueue Queue { get; }

    public LocalMessageQueue DeadLetters { get; }

    public ConsumerFaults Consumers { get; }

    public PoisonMarker Poison { get; }

    public FaultSchedule Schedule { get; }

    public FaultRecord Record => Schedule.Records().Single();

    /// <summary>A fault on the queue from 1 s to 11 s.</summary>
    public static FaultSpec Fault(FaultKind kind, double rate = 1.0) => new()
    {
        Name = "process-fault",
        Kind = kind,
        Target = QueueName,
        Start = TimeSpan.FromSeconds(1),
        Duration = TimeSpan.FromSeconds(10),
        Rate = rate,
    };

    public static ProcessFaultRig Arm(FaultSpec spec) => new(spec);

    public void Dispose() => Schedule.Dispose();
}
