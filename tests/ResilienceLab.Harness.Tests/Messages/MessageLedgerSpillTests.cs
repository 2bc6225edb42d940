using ResilienceLab.Chaos.Records;
using ResilienceLab.Harness.Messages;

namespace ResilienceLab.Harness.Tests.Messages;

/// <summary>A ledger that keeps its settled chunks in a spill file places every message exactly as one that keeps them in memory.</summary>
public sealed class MessageLedgerSpillTests : IDisposable
{
    private static readonly string[] Channels = ["workflow-events", "shipping-requests", "notifications"];
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-ledger-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Account_WithASpillFile_PlacesEveryMessageAsAnInMemoryLedgerDoes(int seed)
    {
        // 300,000 ids (four chunks of 65,536 written to the file while ids go on being handed out). Most messages are
        // sent and handled at once; some are sent, handled, handled again or withdrawn up to 200,000 ids later, when
        // their chunk is already in the file; some are never sent, never handled, dead-lettered or still queued.
        using var spilled = new MessageLedger("run", RecordSpill.TryCreate(_root));
        using var memory = new MessageLedger("run");
        var random = new Random(seed);
        var due = new SortedDictionary<int, List<Action<MessageLedger>>>();
        var (dead, inFlight) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var receipts = 0;
        const int Ids = 300_000;
        for (var i = 0; i < Ids; i++)
        {
            var id = spilled.NewId();
            Assert.Equal(id, memory.NewId());
            var channel = Channels[random.Next(Channels.Length)];
            var poison = random.NextDouble() < 0.01;
            var sentAt = i + Later(random, 0.1);
            var fate = random.NextDouble();
            if (fate < 0.03)
            {
                continue; // never sent
            }

            At(due, sentAt, l => l.Sent(channel, id, poison));
            if (fate < 0.80)
            {
                var receipt = $"r{receipts++}";
                var handledAt = sentAt + Later(random, 0.1);
                At(due, handledAt, l => l.Received(receipt, id));
                At(due, handledAt, l => l.Deleted(receipt));
                if (fate < 0.05)
                {
                    var again = $"r{receipts++}";
                    At(due, handledAt + Later(random, 0.5), l => l.Received(again, id));
                    At(due, handledAt + Later(random, 0.5), l => l.Deleted(again));
                }
            }
            else if (fate < 0.85)
            {
                At(due, sentAt + Later(random, 0.5), l => l.Withdrawn(id));
            }
            else if (fate < 0.90)
            {
                dead.Add(id);
            }
            else if (fate < 0.93)
            {
                inFlight.Add(id);
            }

            Run(due, i, spilled, memory);
        }

        Run(due, int.MaxValue, spilled, memory);

        Assert.True(spilled.ChunksInMemory <= 2, $"{spilled.ChunksInMemory} chunks in memory");
        Assert.Equal(5, memory.ChunksInMemory);
        Assert.True(spilled.LateRecords > 1_000, $"{spilled.LateRecords} late records");
        foreach (var channel in Channels)
        {
            var expected = memory.Account(channel, dead, inFlight, unknown: null);
            Assert.Equal(expected, spilled.Account(channel, dead, inFlight, unknown: null));
            Assert.True(expected.Sent > 90_000 && expected.Processed > 70_000 && expected.Duplicates > 1_000 && expected.DeadLettered > 4_000 && expected.InFlight > 2_000 && expected.Lost > 1_000, expected.ToString());
        }
    }

    [Fact]
    public async Task Account_WithASpillFileAndWritersOnManyThreads_CountsEveryMessageOnce()
    {
        // Four producers, each handling its own messages at once; chunks are taken to the file while they write.
        using var ledger = new MessageLedger("run", RecordSpill.TryCreate(_root));
        const int PerProducer = 60_000;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(producer => Task.Run(() =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                var id = ledger.NewId();
                ledger.Sent(Channels[0], id, poison: false);
                ledger.Received($"{producer}/{i}", id);
                ledger.Deleted($"{producer}/{i}");
            }
        })));

        var accounting = ledger.Account(Channels[0], new HashSet<string>(), new HashSet<string>(), unknown: null);

        Assert.Equal((4L * PerProducer, 4L * PerProducer, 0L, 0L), (accounting.Sent, accounting.Processed, accounting.Duplicates, accounting.Lost));
        Assert.True(ledger.ChunksInMemory <= 2, $"{ledger.ChunksInMemory} chunks in memory");
    }

    [Fact]
    public void Account_WhenTheSpillFileCannotBeWritten_KeepsTheChunksInMemoryAndCountsEveryMessage()
    {
        var broken = RecordSpill.TryCreate(_root)!;
        broken.Dispose();
        using var ledger = new MessageLedger("run", broken);
        for (var i = 0; i < 200_000; i++)
        {
            var id = ledger.NewId();
            ledger.Sent(Channels[0], id, poison: false);
            ledger.Received($"r{i}", id);
            ledger.Deleted($"r{i}");
        }

        var accounting = ledger.Account(Channels[0], new HashSet<string>(), new HashSet<string>(), unknown: null);

        Assert.Equal((200_000L, 200_000L, 0L), (accounting.Sent, accounting.Processed, accounting.Lost));
        Assert.Equal(4, ledger.ChunksInMemory);
    }

    /// <summary>Mostly now; with <paramref name="chance"/>, up to 200,000 ids later.</summary>
    private static int Later(Random random, double chance) => random.NextDouble() < chance ? random.Next(1, 200_000) : 0;

    private static void At(SortedDictionary<int, List<Action<MessageLedger>>> due, int at, Action<MessageLedger> change)
    {
        if (!due.TryGetValue(at, out var changes))
        {
            due[at] = changes = [];
        }

        changes.Add(change);
    }

    private static void Run(SortedDictionary<int, List<Action<MessageLedger>>> due, int upTo, params MessageLedger[] ledgers)
    {
        while (due.Count > 0 && due.First() is var (at, changes) && at <= upTo)
        {
            due.Remove(at);
            foreach (var change in changes)
            {
                foreach (var ledger in ledgers)
                {
                    change(ledger);
                }
            }
        }
    }
}
