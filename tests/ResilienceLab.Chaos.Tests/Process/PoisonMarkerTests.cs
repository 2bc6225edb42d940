using ResilienceLab.Chaos.Faults;
using ResilienceLab.Chaos.Process;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Chaos.Tests.Process;

public sealed class PoisonMarkerTests
{
    [Fact]
    public void Mark_InsideWindow_MarksTheSeededShareAndNothingAfterItsEnd()
    {
        using var rig = ProcessFaultRig.Arm(ProcessFaultRig.Fault(FaultKind.PoisonMessage, 0.3));

        var before = Marked(rig, 20);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var during = Marked(rig, 1_000);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        var after = Marked(rig, 50);

        Assert.Equal(0, before);
        Assert.Equal(SeededHits.Expected(0.3, 1_000), during);
        Assert.Equal(0, after);
        Assert.Equal(during, rig.Record.RequestsAffected);
    }

    [Fact]
    public void Mark_RolledBack_MarksNothing()
    {
        using var rig = ProcessFaultRig.Arm(ProcessFaultRig.Fault(FaultKind.PoisonMessage));
        rig.Time.Advance(TimeSpan.FromSeconds(2));
        var during = Marked(rig, 10);

        rig.Schedule.RollbackAll();

        Assert.Equal(10, during);
        Assert.Equal(0, Marked(rig, 10));
    }

    [Fact]
    public void Mark_KeepsTheMessagesOtherAttributes()
    {
        using var rig = ProcessFaultRig.Arm(ProcessFaultRig.Fault(FaultKind.PoisonMessage));
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        var marked = rig.Poison.Mark(ProcessFaultRig.QueueName, new OutgoingMessage("{}", new Dictionary<string, string> { ["CorrelationId"] = "c-1" }));

        Assert.Equal("c-1", marked.Attributes!["CorrelationId"]);
        Assert.Equal("true", marked.Attributes[PoisonMarker.AttributeName]);
    }

    [Fact]
    public async Task PoisonMessages_HandlerAlwaysFails_EndInTheDeadLetterQueueByRedrive()
    {
        const int count = 40;
        using var rig = ProcessFaultRig.Arm(ProcessFaultRig.Fault(FaultKind.PoisonMessage, 0.3));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < count; i++)
        {
            await rig.Queue.SendAsync(rig.Poison.Mark(ProcessFaultRig.QueueName, new OutgoingMessage($"{{\"n\":{i}}}")));
        }

        rig.Time.Advance(TimeSpan.FromSeconds(10)); // the fault is over; the poison stays in the messages
        var handled = 0;
        for (var round = 0; round < 5; round++)
        {
            foreach (var message in await ReceiveAllAsync(rig.Queue))
            {
                try
                {
                    await rig.Consumers.ConsumeAsync(rig.Queue, message, (m, _) =>
                    {
                        PoisonMarker.ThrowIfPoison(m);
                        handled++;
                        return ValueTask.CompletedTask;
                    });
                }
                catch (PoisonMessageException)
                {
                    // The handler failed: the message is not deleted and comes back.
                }
            }

            rig.Time.Advance(ProcessFaultRig.Visibility);
        }

        var dead = await ReceiveAllAsync(rig.DeadLetters);
        var poison = SeededHits.Expected(0.3, count);
        Assert.Equal(poison, dead.Count);
        Assert.All(dead, m => Assert.True(PoisonMarker.IsPoison(m)));
        Assert.Equal(count - poison, handled);
        Assert.Equal(0, (await rig.Queue.GetDepthAsync()).Total);
    }

    private static int Marked(ProcessFaultRig rig, int count) =>
        Enumerable.Range(0, count).Count(_ => PoisonMarker.IsPoison(rig.Poison.Mark(ProcessFaultRig.QueueName, new OutgoingMessage("{}")).Attributes));

    private static async Task<List<ReceivedMessage>> ReceiveAllAsync(IMessageQueue queue)
    {
        var all = new List<ReceivedMessage>();
        while (await queue.ReceiveAsync(10, TimeSpan.Zero) is { Count: > 0 } batch)
        {
            all.AddRange(batch);
        }

        return all;
    }
}
