using System.Globalization;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Stack.Tests.Fakes;

/// <summary>
/// A queue with SQS standard-queue semantics on a <see cref="TimeProvider"/>: a visibility timeout, receipt handles,
/// ApproximateReceiveCount, and redrive to a dead-letter queue once a message has been received maxReceiveCount times.
/// </summary>
internal sealed class InMemoryQueue : IMessageQueue
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _messages = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan _visibilityTimeout;
    private readonly int _maxReceiveCount;
    private readonly InMemoryQueue? _deadLetterQueue;
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    public InMemoryQueue(string name, TimeProvider time, TimeSpan? visibilityTimeout = null, InMemoryQueue? deadLetterQueue = null, int maxReceiveCount = 3)
    {
        Name = name;
        _time = time;
        _visibilityTimeout = visibilityTimeout ?? TimeSpan.FromSeconds(30);
        _deadLetterQueue = deadLetterQueue;
        _maxReceiveCount = maxReceiveCount;
    }

    public string Name { get; }

    public bool Unavailable { get; set; }

    /// <summary>When true every call fails for good, as SQS does for a queue that does not exist.</summary>
    public bool Missing { get; set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _messages.Count;
            }
        }
    }

    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (_lock)
            {
                return _messages.Select(m => m.Body).ToList();
            }
        }
    }

    public ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable("SendMessage");
        return ValueTask.FromResult(Add(message.Body, message.Attributes ?? new Dictionary<string, string>(), 0));
    }

    public async ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        foreach (var message in messages)
        {
            ids.Add(await SendAsync(message, cancellationToken));
        }

        return ids;
    }

    public async ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable("ReceiveMessage");
        var received = TryReceive(maxMessages, out var arrived);
        if (received.Count > 0 || waitTime <= TimeSpan.Zero)
        {
            return received;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(waitTime, _time, wait.Token);
        await Task.WhenAny(arrived.WaitAsync(cancellationToken), delay);
        await wait.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return TryReceive(maxMessages, out _);
    }

    public ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable("DeleteMessage");
        lock (_lock)
        {
            var index = _messages.FindIndex(m => m.ReceiptHandle == receiptHandle);
            if (index < 0)
            {
                throw new PortException("DeleteMessage", "ReceiptHandleIsInvalid", "stale receipt handle", isTransient: false);
            }

            _messages.RemoveAt(index);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfUnavailable("GetQueueAttributes");
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var visible = _messages.Count(m => m.VisibleAt <= now);
            return ValueTask.FromResult(new QueueDepth(visible, _messages.Count - visible));
        }
    }

    private string Add(string body, IReadOnlyDictionary<string, string> attributes, int receiveCount)
    {
        TaskCompletionSource arrived;
        string id;
        lock (_lock)
        {
            id = $"{Name}-{++_sequence}";
            _messages.Add(new Entry(id, body, attributes) { ReceiveCount = receiveCount, VisibleAt = _time.GetUtcNow() });
            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
        return id;
    }

    private List<ReceivedMessage> TryReceive(int maxMessages, out Task arrived)
    {
        var received = new List<ReceivedMessage>();
        var redriven = new List<Entry>();
        lock (_lock)
        {
            arrived = _arrived.Task;
            var now = _time.GetUtcNow();
            foreach (var entry in _messages.Where(m => m.VisibleAt <= now).ToList())
            {
                if (received.Count >= maxMessages)
                {
                    break;
                }

                if (_deadLetterQueue is not null && entry.ReceiveCount >= _maxReceiveCount)
                {
                    // SQS moves a message to the DLQ when a receive would exceed maxReceiveCount.
                    _messages.Remove(entry);
                    redriven.Add(entry);
                    continue;
                }

                entry.ReceiveCount++;
                entry.VisibleAt = now + _visibilityTimeout;
                entry.ReceiptHandle = $"{entry.Id}#{entry.ReceiveCount.ToString(CultureInfo.InvariantCulture)}";
                received.Add(new ReceivedMessage(entry.Id, entry.ReceiptHandle, entry.Body, entry.Attributes, entry.ReceiveCount));
            }
        }

        foreach (var entry in redriven)
        {
            _deadLetterQueue!.Add(entry.Body, entry.Attributes, entry.ReceiveCount);
        }

        return received;
    }

    private void ThrowIfUnavailable(string operation)
    {
        if (Missing)
        {
            throw new PortException(operation, "AWS.SimpleQueueService.NonExistentQueue", $"{Name} does not exist", isTransient: false);
        }

        if (Unavailable)
        {
            throw new PortException(operation, "ServiceUnavailable", $"{Name} is unavailable", isTransient: true);
        }
    }

    private sealed class Entry(string id, string body, IReadOnlyDictionary<string, string> attributes)
    {
        public string Id { get; } = id;

        public string Body { get; } = body;

        public IReadOnlyDictionary<string, string> Attributes { get; } = attributes;

        public int ReceiveCount { get; set; }

        public DateTimeOffset VisibleAt { get; set; }

        public string? ReceiptHandle { get; set; }
    }
}
