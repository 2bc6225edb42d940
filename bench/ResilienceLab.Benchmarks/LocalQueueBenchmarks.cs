using BenchmarkDotNet.Attributes;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Benchmarks;

/// <summary>Send, receive and delete through <see cref="LocalMessageQueue"/> in batches of 10; one invocation moves <see cref="MessagesPerOperation"/> messages and the time reported is per message.</summary>
[MemoryDiagnoser]
public class LocalQueueBenchmarks
{
    /// <summary>Messages moved per benchmark invocation; the reported time is per message.</summary>
    public const int MessagesPerOperation = 10_000;

    private const int BatchSize = 10;

    private LocalMessageQueue queue = null!;
    private OutgoingMessage[] batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        queue = new LocalMessageQueue("bench", TimeProvider.System);
        batch = Enumerable.Range(0, BatchSize).Select(i => new OutgoingMessage($"{{\"order\":{i}}}")).ToArray();
    }

    [Benchmark(OperationsPerInvoke = MessagesPerOperation)]
    public async Task SendReceiveDeleteBatchesOfTen()
    {
        for (var sent = 0; sent < MessagesPerOperation; sent += BatchSize)
        {
            await queue.SendBatchAsync(batch);
            var received = await queue.ReceiveAsync(BatchSize, TimeSpan.Zero);
            for (var i = 0; i < received.Count; i++)
            {
                await queue.DeleteAsync(received[i].ReceiptHandle);
            }
        }
    }
}
