using System.Text.Json.Nodes;
using ResilienceLab.Harness.Messages;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.Tests.Messages;

public sealed class MessageLedgerTests
{
    private const string Channel = "workflow-events";
    private static readonly HashSet<string> None = new(StringComparer.Ordinal);

    [Fact]
    public void Account_EachSentMessage_IsPlacedOnce()
    {
        var ledger = new MessageLedger("run");
        var (processed, dead, queued, lost) = (ledger.NewId(), ledger.NewId(), ledger.NewId(), ledger.NewId());
        foreach (var id in new[] { processed, dead, queued, lost })
        {
            ledger.Sent(Channel, id, poison: false);
        }

        ledger.Received("r1", processed);
        ledger.Deleted("r1");
        var accounting = ledger.Account(Channel, new HashSet<string>([dead], StringComparer.Ordinal), new HashSet<string>([queued], StringComparer.Ordinal), unknown: null);

        Assert.Equal((4L, 1L, 1L, 1L, 1L), (accounting.Sent, accounting.Processed, accounting.DeadLettered, accounting.InFlight, accounting.Lost));
    }

    [Fact]
    public void Account_WithdrawnAndNeverSeen_IsNeitherSentNorLost()
    {
        var ledger = new MessageLedger("run");
        var id = ledger.NewId();
        ledger.Sent(Channel, id, poison: false);

        ledger.Withdrawn(id);
        var accounting = ledger.Account(Channel, None, None, unknown: null);

        Assert.Equal((0L, 0L), (accounting.Sent, accounting.Lost));
    }

    [Fact]
    public void Account_WithdrawnButProcessedAnyway_CountsAsProcessed()
    {
        var ledger = new MessageLedger("run");
        var id = ledger.NewId();
        ledger.Sent(Channel, id, poison: false);
        ledger.Withdrawn(id);

        ledger.Received("r1", id);
        ledger.Deleted("r1");
        var accounting = ledger.Account(Channel, None, None, unknown: null);

        Assert.Equal((1L, 1L, 0L), (accounting.Sent, accounting.Processed, accounting.Lost));
    }

    [Fact]
    public async Task LedgerWorkflowEvents_PublishCancelledByTheRun_IsWithdrawn()
    {
        var ledger = new MessageLedger("run");
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();
        var events = new LedgerWorkflowEvents(new Publisher(token => throw new OperationCanceledException(token)), ledger, Channel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => events.PublishEventAsync("WorkflowCompleted", new JsonObject(), stop.Token).AsTask());

        Assert.Equal((0L, 0L), Figures(ledger));
    }

    [Fact]
    public async Task LedgerWorkflowEvents_PublishThatFails_IsLost()
    {
        var ledger = new MessageLedger("run");
        var events = new LedgerWorkflowEvents(new Publisher(_ => throw new InvalidOperationException("bus down, no outbox")), ledger, Channel);

        await Assert.ThrowsAsync<InvalidOperationException>(() => events.PublishEventAsync("WorkflowCompleted", new JsonObject()).AsTask());

        Assert.Equal((1L, 1L), Figures(ledger));
    }

    private static (long Sent, long Lost) Figures(MessageLedger ledger)
    {
        var accounting = ledger.Account(Channel, None, None, unknown: null);
        return (accounting.Sent, accounting.Lost);
    }

    private sealed class Publisher(Action<CancellationToken> publish) : IWorkflowEventPublisher
    {
        public ValueTask PublishEventAsync(string eventType, JsonObject eventData, CancellationToken cancellationToken = default)
        {
            publish(cancellationToken);
            return ValueTask.CompletedTask;
        }
    }
}
