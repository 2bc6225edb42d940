using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Stack.Services;

/// <summary>
/// Closes the loop of the document's asynchronous calls: the client returns <c>accepted</c> with a correlation id, the
/// dependency replies on a reply queue with that id (the <c>CorrelationId</c> attribute, or <c>correlation_id</c> in the
/// body), and a caller awaits it with <see cref="WaitForResponseAsync"/>, bounded by a timeout on the <see cref="TimeProvider"/>.
/// Replies that arrive before anyone waits are kept (bounded) for a later wait.
/// </summary>
public sealed class ResponseCorrelator
{
    private readonly IMessageQueue _replyQueue;
    private readonly TimeProvider _time;
    private readonly ResponseCorrelatorOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TaskCompletionSource<CorrelatedResponse>> _waiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CorrelatedResponse> _early = new(StringComparer.Ordinal);
    private readonly Queue<string> _earlyOrder = new();
    private long _matched;
    private long _timedOut;
    private long _discarded;

    public ResponseCorrelator(IMessageQueue replyQueue, TimeProvider timeProvider, ResponseCorrelatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(replyQueue);
        _options = options ?? new ResponseCorrelatorOptions();
        _options.Validate();
        _replyQueue = replyQueue;
        _time = timeProvider;
    }

    /// <summary>Replies handed to a waiter (at once or later).</summary>
    public long Matched => Interlocked.Read(ref _matched);

    /// <summary>Waits that ended without a reply.</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);

    /// <summary>Replies thrown away: no correlation id, or pushed out of the early-reply buffer.</summary>
    public long Discarded => Interlocked.Read(ref _discarded);

    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>
    /// The reply carrying <paramref name="correlationId"/>; throws <see cref="ResponseTimeoutException"/> when none arrives within
    /// <paramref name="timeout"/>. Replies are read by <see cref="RunAsync"/> or <see cref="PollOnceAsync"/>.
    /// </summary>
    public async Task<CorrelatedResponse> WaitForResponseAsync(string correlationId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<CorrelatedResponse> waiter;
        lock (_lock)
        {
            if (_early.Remove(correlationId, out var early))
            {
                Interlocked.Increment(ref _matched);
                return early;
            }

            if (_waiters.ContainsKey(correlationId))
            {
                throw new InvalidOperationException($"Someone already waits for correlation id {correlationId}.");
            }

            waiter = new TaskCompletionSource<CorrelatedResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters[correlationId] = waiter;
        }

        try
        {
            return await waiter.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref _timedOut);
            throw new ResponseTimeoutException(correlationId, timeout);
        }
        finally
        {
            lock (_lock)
            {
                if (_waiters.TryGetValue(correlationId, out var current) && current == waiter)
                {
                    _waiters.Remove(correlationId);
                }
            }
        }
    }

    /// <summary>Reads the reply queue until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await PollOnceAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    await Task.Yield();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (PortException)
            {
                try
                {
                    await Task.Delay(_options.ReceiveErrorDelay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One receive from the reply queue; every reply is matched (or kept) and deleted. Returns how many were received.</summary>
    public async ValueTask<int> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        var messages = await _replyQueue.ReceiveAsync(_options.MaxMessages, _options.WaitTime, cancellationToken).ConfigureAwait(false);
        foreach (var message in messages)
        {
            Deliver(message);
            try
            {
                await _replyQueue.DeleteAsync(message.ReceiptHandle, cancellationToken).ConfigureAwait(false);
            }
            catch (PortException)
            {
                // Delivered again later: a duplicate reply finds no waiter and ends in the early buffer, bounded.
            }
        }

        return messages.Count;
    }

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Deliver(ReceivedMessage message)
    {
        var body = TryParse(message.Body);
        var correlationId = message.Attributes.TryGetValue("CorrelationId", out var fromAttribute)
            ? fromAttribute
            : (body as JsonObject)?["correlation_id"] is JsonValue value && value.TryGetValue<string>(out var fromBody) ? fromBody : null;
        if (correlationId is null)
        {
            Interlocked.Increment(ref _discarded);
            return;
        }

        var response = new CorrelatedResponse(correlationId, body, message.Body, message.MessageId);
        TaskCompletionSource<CorrelatedResponse>? waiter;
        lock (_lock)
        {
            if (_waiters.Remove(correlationId, out waiter))
            {
                Interlocked.Increment(ref _matched);
            }
            else if (_options.MaxEarlyResponses > 0)
            {
                if (_early.TryAdd(correlationId, response))
                {
                    _earlyOrder.Enqueue(correlationId);
                }

                while (_early.Count > _options.MaxEarlyResponses && _earlyOrder.TryDequeue(out var oldest))
                {
                    if (_early.Remove(oldest))
                    {
                        Interlocked.Increment(ref _discarded);
                    }
                }
            }
            else
            {
                Interlocked.Increment(ref _discarded);
            }
        }

        waiter?.TrySetResult(response);
    }
}
