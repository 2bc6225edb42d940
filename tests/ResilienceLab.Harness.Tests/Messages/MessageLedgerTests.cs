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
    public void Account_ManyMessagesOnTwoChannels_PlacesEachOnItsOwnChannelAndIgnoresOtherRunsIds()
    {
        // More than one chunk of records (65,536), on two channels, with a duplicate, a poison message in the DLQ and
        // ids of another run that must not count.
        var ledger = new MessageLedger("run");
        var ids = Enumerable.Range(0, 70_000).Select(_ => ledger.NewId()).ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            ledger.Sent(i % 2 == 0 ? Channel : "shipping-requests", ids[i], poison: i == 69_999);
            if (i % 10 >= 2)
            {
                ledger.Received($"r{i}", ids[i]);
                ledger.Deleted($"r{i}");
            }
        }

        ledger.Received("again", ids[3]);
        ledger.Deleted("again");
        ledger.Received("foreign", "other-run/1");
        ledger.Deleted("foreign");
        ledger.Sent(Channel, "other-run/2", poison: false);
        var events = ledger.Account(Channel, new HashSet<string>(["other-run/3"], StringComparer.Ordinal), None, unknown: null);
        var shipping = ledger.Account("shipping-requests", new HashSet<string>([ids[69_999]], StringComparer.Ordinal), new HashSet<string>([ids[69_991]], StringComparer.Ordinal), unknown: null);

        Assert.Equal((35_000L, 28_000L, 0L, 0L, 7_000L), (events.Sent, events.Processed, events.Duplicates, events.DeadLettered, events.Lost));
        Assert.Equal((35_000L, 27_999L, 1L, 1L, 1L, 6_999L), (shipping.Sent, shipping.Processed, shipping.Duplicates, shipping.DeadLettered, shipping.InFlight, shipping.Lost));
        Assert.Equal((1L, 0L, 0L), (shipping.Poison, shipping.PoisonNotDeadLettered, shipping.DeadLetteredNotPoison));
        Assert.Equal(["shipping-requests", Channel], ledger.Channels);
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
    public void Account_HandledBeforeItsSendIsRecorded_CountsAsProcessed()
    {
        // A consumer can receive and delete a message before its producer's send returns and records it.
        var ledger = new MessageLedger("run");
        var id = ledger.NewId();
        ledger.Received("r1", id);
        ledger.Deleted("r1");

        ledger.Sent(Channel, id, poison: false);
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
