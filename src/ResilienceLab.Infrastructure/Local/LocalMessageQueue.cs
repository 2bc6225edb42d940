using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Local;

/// <summary>
/// An in-process queue with SQS standard-queue semantics, on an injected <see cref="TimeProvider"/>:
/// a visibility timeout, ApproximateReceiveCount, redrive to a dead-letter queue on the receive after
/// maxReceiveCount, retention counted from the first send, long polling, batches of up to 10, and
/// delete by the latest receipt handle.
/// </summary>
/// <remarks>
/// Time only moves when an operation looks at it: each receive first returns expired in-flight messages
/// to the visible list and drops messages past retention. Attribute dictionaries are kept by reference.
/// </remarks>
public sealed class LocalMessageQueue : IMessageQueue
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>();

    private readonly Lock gate = new();
    private readonly TimeProvider timeProvider;
    private readonly QueuedMessageList visible = new();
    private readonly QueuedMessageList inFlight = new();
    private readonly Dictionary<long, QueuedMessage> received = [];
    private readonly long visibilityTimeoutTicks;
    private readonly long retentionTicks;
    private readonly int maxReceiveCount;

    private QueuedMessage? oldest;
    private QueuedMessage? newest;
    private TaskCompletionSource? messageArrived;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="name">The queue's name as provisioned.</param>
    /// <param name="timeProvider">The clock for visibility, retention and long polls.</param>
    /// <param name="options">Attributes and redrive policy; SQS's defaults when null.</param>
    /// <exception cref="ArgumentException">The options are out of range (every problem is listed).</exception>
    public LocalMessageQueue(string name, TimeProvider timeProvider, LocalQueueOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new LocalQueueOptions();
        var problems = options.Validate();
        if (options.DeadLetterQueue is { } deadLetterQueue && deadLetterQueue.Name == name)
        {
            problems.Add($"Queue '{name}' cannot be its own dead-letter queue.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid options for queue '{name}': {string.Join(" ", problems)}", nameof(options));
        }

        Name = name;
        this.timeProvider = timeProvider;
        Options = options;
        DeadLetterQueue = options.DeadLetterQueue;
        visibilityTimeoutTicks = ToTimestampTicks(options.VisibilityTimeout);
        retentionTicks = ToTimestampTicks(options.MessageRetention);
        maxReceiveCount = options.MaxReceiveCount;
    }

    public string Name { get; }

    public LocalQueueOptions Options { get; }

    /// <summary>The redrive target, or null.</summary>
    public LocalMessageQueue? DeadLetterQueue { get; }

    /// <inheritdoc/>
    public ValueTask<string> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        var queued = CreateMessage(message, "SendMessage");
        TaskCompletionSource? toSignal;
        lock (gate)
        {
            AppendVisible(queued);
            toSignal = TakeArrivalSignal();
        }

        toSignal?.TrySetResult();
        return ValueTask.FromResult(queued.MessageId);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<string>> SendBatchAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        if (messages.Count == 0)
        {
            throw new PortException("SendMessageBatch", "AWS.SimpleQueueService.EmptyBatchRequest", $"SendMessageBatch on queue '{Name}' needs at least one message.", isTransient: false);
        }

        if (messages.Count > LocalQueueConstants.MaxBatchSize)
        {
            throw new PortException("SendMessageBatch", "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", $"SendMessageBatch on queue '{Name}' takes at most {LocalQueueConstants.MaxBatchSize} messages (got {messages.Count}).", isTransient: false);
        }

        var batch = new QueuedMessage[messages.Count];
        var ids = new string[messages.Count];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = CreateMessage(messages[i] ?? throw new ArgumentException($"Message {i} of the batch is null.", nameof(messages)), "SendMessageBatch");
            ids[i] = batch[i].MessageId;
        }

        TaskCompletionSource? toSignal;
        lock (gate)
        {
            foreach (var queued in batch)
            {
                AppendVisible(queued);
            }

            toSignal = TakeArrivalSignal();
        }

        toSignal?.TrySetResult();
        return ValueTask.FromResult<IReadOnlyList<string>>(ids);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken = default)
    {
        if (maxMessages is < 1 or > LocalQueueConstants.MaxBatchSize)
        {
            throw new PortException("ReceiveMessage", "InvalidParameterValue", $"ReceiveMessage on queue '{Name}': MaxNumberOfMessages must be between 1 and {LocalQueueConstants.MaxBatchSize} (was {maxMessages}).", isTransient: false);
        }

        if (waitTime < TimeSpan.Zero || waitTime > LocalQueueConstants.MaxWaitTime)
        {
            throw new PortException("ReceiveMessage", "InvalidParameterValue", $"ReceiveMessage on queue '{Name}': WaitTimeSeconds must be between 0 and 20 (was {waitTime.TotalSeconds}).", isTransient: false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var messages = TryReceive(maxMessages);
        if (messages.Count > 0 || waitTime == TimeSpan.Zero)
        {
            return ValueTask.FromResult(messages);
        }

        return new ValueTask<IReadOnlyList<ReceivedMessage>>(ReceiveWaitingAsync(maxMessages, waitTime, cancellationToken));
    }

    /// <inheritdoc/>
    public ValueTask DeleteAsync(string receiptHandle, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var message = FindByReceiptHandle(receiptHandle, "DeleteMessage");
            RemoveEntirely(message);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// SQS's ChangeMessageVisibility: the in-flight message becomes visible <paramref name="visibilityTimeout"/>
    /// from now (zero: at once). Fails with MessageNotInflight when it is visible already.
    /// </summary>
    public void ChangeMessageVisibility(string receiptHandle, TimeSpan visibilityTimeout)
    {
        if (visibilityTimeout < TimeSpan.Zero || visibilityTimeout > LocalQueueConstants.MaxVisibilityTimeout)
        {
            throw new PortException("ChangeMessageVisibility", "InvalidParameterValue", $"ChangeMessageVisibility on queue '{Name}': VisibilityTimeout must be between 0 and 12 hours (was {visibilityTimeout}).", isTransient: false);
        }

        lock (gate)
        {
            var now = timeProvider.GetTimestamp();
            ApplyClock(now);
            var message = FindByReceiptHandle(receiptHandle, "ChangeMessageVisibility");
            if (message.State != QueuedMessageState.InFlight)
            {
                throw new PortException("ChangeMessageVisibility", "AWS.SimpleQueueService.MessageNotInflight", $"Message {message.MessageId} on queue '{Name}' is not in flight.", isTransient: false);
            }

            inFlight.Remove(message);
            message.VisibleAt = now + ToTimestampTicks(visibilityTimeout);
            inFlight.InsertByVisibleAt(message);
            ApplyClock(now);
        }
    }

    /// <inheritdoc/>
    public ValueTask<QueueDepth> GetDepthAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ApplyClock(timeProvider.GetTimestamp());
            return ValueTask.FromResult(new QueueDepth(visible.Count, inFlight.Count));
        }
    }

    /// <summary>SQS's PurgeQueue: drops every message, visible or in flight.</summary>
    public void Purge()
    {
        lock (gate)
        {
            for (var message = oldest; message is not null; message = message.Newer)
            {
                message.State = QueuedMessageState.Gone;
            }

            visible.Clear();
            inFlight.Clear();
            received.Clear();
            oldest = null;
            newest = null;
        }
    }

    /// <summary>Takes a message redriven from another queue: same MessageId, body, attributes and first-send time; receive count from zero.</summary>
    private void AcceptRedriven(QueuedMessage from)
    {
        var queued = new QueuedMessage(LocalIdentifiers.NextSequence(), from.MessageId, from.Body, from.Attributes, from.SentAt);
        TaskCompletionSource? toSignal;
        lock (gate)
        {
            AppendVisible(queued);
            toSignal = TakeArrivalSignal();
        }

        toSignal?.TrySetResult();
    }

    private QueuedMessage CreateMessage(OutgoingMessage message, string operation)
    {
        if (message.Body is null)
        {
            throw new PortException(operation, "MissingParameter", $"{operation} on queue '{Name}': the message body is required.", isTransient: false);
        }

        var sequence = LocalIdentifiers.NextSequence();
        return new QueuedMessage(sequence, LocalIdentifiers.FormatId(sequence), message.Body, message.Attributes ?? NoAttributes, timeProvider.GetTimestamp());
    }

    private async Task<IReadOnlyList<ReceivedMessage>> ReceiveWaitingAsync(int maxMessages, TimeSpan waitTime, CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetTimestamp() + ToTimestampTicks(waitTime);
        while (true)
        {
            IReadOnlyList<ReceivedMessage> messages;
            List<QueuedMessage>? redriven;
            Task? arrived = null;
            var delay = TimeSpan.Zero;
            lock (gate)
            {
                var now = timeProvider.GetTimestamp();
                messages = TakeVisible(now, maxMessages, out redriven);
                if (messages.Count == 0 && now < deadline)
                {
                    messageArrived ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    arrived = messageArrived.Task;

                    // Wake when the wait ends, or earlier when an in-flight message becomes visible again.
                    var wakeAt = inFlight.Head is { } next && next.VisibleAt < deadline ? next.VisibleAt : deadline;
                    delay = FromTimestampTicks(Math.Max(wakeAt - now, 0));
                }
            }

            Redrive(redriven);
            if (arrived is null)
            {
                return messages;
            }

            using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            await Task.WhenAny(arrived, Task.Delay(delay, timeProvider, stopDelay.Token)).ConfigureAwait(false);
            await stopDelay.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private IReadOnlyList<ReceivedMessage> TryReceive(int maxMessages)
    {
        IReadOnlyList<ReceivedMessage> messages;
        List<QueuedMessage>? redriven;
        lock (gate)
        {
            messages = TakeVisible(timeProvider.GetTimestamp(), maxMessages, out redriven);
        }

        Redrive(redriven);
        return messages;
    }

    /// <summary>Under the lock: applies the clock, then receives up to <paramref name="maxMessages"/>, setting aside the ones due for the dead-letter queue.</summary>
    private IReadOnlyList<ReceivedMessage> TakeVisible(long now, int maxMessages, out List<QueuedMessage>? redriven)
    {
        redriven = null;
        ApplyClock(now);
        var count = Math.Min(maxMessages, visible.Count);
        if (count == 0)
        {
            return [];
        }

        var result = new ReceivedMessage[count];
        var taken = 0;
        while (taken < count && visible.Head is { } message)
        {
            visible.Remove(message);
            if (DeadLetterQueue is not null && message.ReceiveCount >= maxReceiveCount)
            {
                RemoveFromSendOrder(message);
                received.Remove(message.Sequence);
                message.State = QueuedMessageState.Gone;
                (redriven ??= []).Add(message);
                continue;
            }

            message.ReceiveCount++;
            message.VisibleAt = now + visibilityTimeoutTicks;
            message.State = QueuedMessageState.InFlight;
            inFlight.InsertByVisibleAt(message);
            if (message.ReceiveCount == 1)
            {
                received.Add(message.Sequence, message);
            }

            result[taken++] = new ReceivedMessage(
                message.MessageId,
                LocalIdentifiers.FormatReceiptHandle(message.Sequence, message.ReceiveCount),
                message.Body,
                message.Attributes,
                message.ReceiveCount);
        }

        if (taken < count)
        {
            Array.Resize(ref result, taken);
        }

        return result;
    }

    private void Redrive(List<QueuedMessage>? redriven)
    {
        if (redriven is null)
        {
            return;
        }

        foreach (var message in redriven)
        {
            DeadLetterQueue!.AcceptRedriven(message);
        }
    }

    /// <summary>Under the lock: drops messages past retention and returns expired in-flight messages to the visible list.</summary>
    private void ApplyClock(long now)
    {
        while (oldest is { } message && now - message.SentAt >= retentionTicks)
        {
            RemoveEntirely(message);
        }

        while (inFlight.Head is { } message && message.VisibleAt <= now)
        {
            inFlight.Remove(message);
            message.State = QueuedMessageState.Visible;
            visible.AddLast(message);
        }
    }

    private QueuedMessage FindByReceiptHandle(string receiptHandle, string operation)
    {
        if (!LocalIdentifiers.TryParseReceiptHandle(receiptHandle, out var sequence, out var receiveCount)
            || !received.TryGetValue(sequence, out var message)
            || message.ReceiveCount != receiveCount)
        {
            throw new PortException(operation, "ReceiptHandleIsInvalid", $"{operation} on queue '{Name}': the receipt handle '{receiptHandle}' is invalid or stale (the message was deleted, expired or received again since).", isTransient: false);
        }

        return message;
    }

    private void AppendVisible(QueuedMessage message)
    {
        message.State = QueuedMessageState.Visible;
        visible.AddLast(message);
        message.Older = newest;
        if (newest is null)
        {
            oldest = message;
        }
        else
        {
            newest.Newer = message;
        }

        newest = message;
    }

    private void RemoveEntirely(QueuedMessage message)
    {
        if (message.State == QueuedMessageState.Visible)
        {
            visible.Remove(message);
        }
        else if (message.State == QueuedMessageState.InFlight)
        {
            inFlight.Remove(message);
        }

        if (message.ReceiveCount > 0)
        {
            received.Remove(message.Sequence);
        }

        RemoveFromSendOrder(message);
        message.State = QueuedMessageState.Gone;
    }

    private void RemoveFromSendOrder(QueuedMessage message)
    {
        if (message.Older is null)
        {
            oldest = message.Newer;
        }
        else
        {
            message.Older.Newer = message.Newer;
        }

        if (message.Newer is null)
        {
            newest = message.Older;
        }
        else
        {
            message.Newer.Older = message.Older;
        }

        message.Older = null;
        message.Newer = null;
    }

    private TaskCompletionSource? TakeArrivalSignal()
    {
        var signal = messageArrived;
        messageArrived = null;
        return signal;
    }

    private long ToTimestampTicks(TimeSpan duration) =>
        (long)Math.Ceiling(duration.Ticks * ((double)timeProvider.TimestampFrequency / TimeSpan.TicksPerSecond));

    private TimeSpan FromTimestampTicks(long ticks) =>
        TimeSpan.FromTicks((long)Math.Ceiling(ticks * ((double)TimeSpan.TicksPerSecond / timeProvider.TimestampFrequency)));
}
