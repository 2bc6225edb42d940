using ResilienceLab.Chaos.Faults;
using ResilienceLab.Chaos.Process;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Chaos.Tests.Process;

public sealed class ConsumerFaultsTests
{
    [Fact]
    public void Decide_InsideWindow_CrashesForTheSeededShareAndProceedsAfterItsEnd()
    {
        using var rig = ProcessFaultRig.Arm(ProcessFaultRig.Fault(FaultKind.ConsumerCrash, 0.3));

        var before = Decisions(rig, 20);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var during = Decisions(rig, 1_000);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        var after = Decisions(rig, 50);

        Assert.All(before, d => Assert.Equal(ConsumerFaultAction.Proceed, d));
        Assert.Equal(SeededHits.Expected(0.3, 1_000), during.Count(d => d == ConsumerFaultAction.Stall));
        Assert.All(after, d => Assert.Equal(ConsumerFaultAction.Proceed, d));
        Assert.Equal(during.Count(d => d != ConsumerFaultAction.Proceed), rig.Record.RequestsAffected);
    }

    [Fact]
    public void Decide_RolledBack_ProceedsAtOnce()
    {
        using var rig = ProcessFaultRig.Arm(ProcessFaultRig.Fault(FaultKind.ConsumerCrash) with { CrashMode = ConsumerCrashMode.CrashBeforeDelete });
        rig.Time.Advance(TimeSpan.FromSeconds(2));
        var during = rig.Consumers.Decide(ProcessFaultRig.QueueName);

        rig.Schedule.RollbackAll();

        Assert.Equal(ConsumerFaultAction.CrashBeforeDelete, during);
        Assert.Equal(ConsumerFaultAction.Proceed, rig.Consumers.Decide(ProcessFaultRig.QueueName));
        Assert.True(rig.Record.RolledBackEarly);
    }

    [Fact]
    public async Task ConsumeAsync_StallWhileActive_MessageComesBackAfterTheVisibilityTimeoutAndIsDeletedOnceTheFaultEnds()
    {
        using var rig = ProcessFaultRig.Arm(ProcessFaultRig.Fault(FaultKind.ConsumerCrash) with { Duration = TimeSpan.FromSeconds(20) });
        await rig.Queue.SendAsync(new OutgoingMessage("{\"order\":1}"));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var processed = 0;
        ValueTask Process(ReceivedMessage m, CancellationToken t)
        {
            processed++;
            return ValueTask.CompletedTask;
        }

        var first = (await rig.Queue.ReceiveAsync(1, TimeSpan.Zero)).Single();
        var stalled = await rig.Consumers.ConsumeAsync(rig.Queue, first, Process);
        var hidden = await rig.Queue.ReceiveAsync(1, TimeSpan.Zero);
        rig.Time.Advance(ProcessFaultRig.Visibility); // past the fault's end (21 s) and the visibility timeout
        var second = (await rig.Queue.ReceiveAsync(1, TimeSpan.Zero)).Single();
        var proceeded = await rig.Consumers.ConsumeAsync(rig.Queue, second, Process);

        Assert.Equal(ConsumerFaultAction.Stall, stalled);
        Assert.Empty(hidden);
        Assert.Equal(2, second.ReceiveCount);
        Assert.Equal(ConsumerFaultAction.Proceed, proceeded);
        Assert.Equal(1, processed);
        Assert.Equal(0, (await rig.Queue.GetDepthAsync()).Total);
    }

    [Fact]
    public async Task ConsumeAsync_CrashBeforeDelete_ProcessesButLeavesTheMessage()
    {
        using var rig = ProcessFaultRig.Arm(ProcessFaultRig.Fault(FaultKind.ConsumerCrash) with { CrashMode = ConsumerCrashMode.CrashBeforeDelete });
        await rig.Queue.SendAsync(new OutgoingMessage("{}"));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var processed = 0;

        var message = (await rig.Queue.ReceiveAsync(1, TimeSpan.Zero)).Single();
        var action = await rig.Consumers.ConsumeAsync(rig.Queue, message, (_, _) =>
        {
            processed++;
            return ValueTask.CompletedTask;
        });

        Assert.Equal(ConsumerFaultAction.CrashBeforeDelete, action);
        Assert.Equal(1, processed);
        Assert.Equal(1, (await rig.Queue.GetDepthAsync()).InFlight);
    }

    private static List<ConsumerFaultAction> Decisions(ProcessFaultRig rig, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => rig.Consumers.Decide(ProcessFaultRig.QueueName))];
}
