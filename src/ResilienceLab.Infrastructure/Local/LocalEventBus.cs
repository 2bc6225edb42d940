using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ResilienceLab.Infrastructure.Local.EventPatterns;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Local;

/// <summary>
/// An in-process event bus with EventBridge semantics: PutEvents takes up to 10 entries and reports failures per entry
/// (a Detail that is not a JSON object fails with MalformedDetail); each accepted entry becomes an EventBridge event
/// (version, id, detail-type, source, account, time, region, resources, detail) that is matched against every rule
/// and delivered to the rule's targets.
/// </summary>
/// <remarks>
/// Queue targets get the event JSON as the message body before PutEvents returns. Handler targets run on the thread
/// pool, so a slow consumer does not slow the publisher; <see cref="DrainAsync"/> waits for them. A target that throws
/// counts in <see cref="FailedInvocations"/> and does not fail the entry, as with EventBridge.
/// </remarks>
public sealed class LocalEventBus : IEventBus, IAsyncDisposable
{
    /// <summary>The account id the local backend puts in events and ARNs.</summary>
    public const string LocalAccountId = "000000000000";

    private const int MaxEntries = 10;

    private readonly Lock gate = new();
    private readonly TimeProvider timeProvider;
    private readonly string region;
    private readonly string account;
    private readonly HashSet<string> acceptedBusNames;
    private readonly Dictionary<string, LocalEventRule> rules = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource shutdown = new();
    private LocalEventRule[] ruleSnapshot = [];
    private int pendingHandlers;
    private TaskCompletionSource? handlersIdle;
    private long failedInvocations;
    private long matchedEvents;

    /// <summary>Creates a bus with no rules.</summary>
    /// <param name="name">The bus name as provisioned; PutEvents entries may name it, its ARN, an alias, or nothing.</param>
    /// <param name="timeProvider">The clock for the events' <c>time</c>.</param>
    /// <param name="region">The events' <c>region</c>.</param>
    /// <param name="account">The events' <c>account</c>.</param>
    /// <param name="aliases">Other names entries may use for this bus (for example the logical name from the config).</param>
    public LocalEventBus(string name, TimeProvider timeProvider, string region = "us-east-1", string account = LocalAccountId, IEnumerable<string>? aliases = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Name = name;
        this.timeProvider = timeProvider;
        this.region = region;
        this.account = account;
        Arn = $"arn:aws:events:{region}:{account}:event-bus/{name}";
        acceptedBusNames = new HashSet<string>(aliases ?? [], StringComparer.Ordinal) { name, Arn };
    }

    public string Name { get; }

    public string Arn { get; }

    /// <summary>Target invocations that threw (EventBridge's FailedInvocations metric).</summary>
    public long FailedInvocations => Interlocked.Read(ref failedInvocations);

    /// <summary>Events that matched at least one rule (EventBridge's MatchedEvents metric).</summary>
    public long MatchedEvents => Interlocked.Read(ref matchedEvents);

    /// <summary>The rules' names.</summary>
    public IReadOnlyList<string> RuleNames => [.. Volatile.Read(ref ruleSnapshot).Select(r => r.Name)];

    public bool HasRule(string ruleName)
    {
        lock (gate)
        {
            return rules.ContainsKey(ruleName);
        }
    }

    /// <summary>Creates a rule, or replaces the pattern of an existing one and keeps its targets (EventBridge's PutRule).</summary>
    /// <exception cref="EventPatternException">The pattern is not valid.</exception>
    public void PutRule(string ruleName, string eventPatternJson) => PutRule(ruleName, EventPattern.Parse(eventPatternJson));

    /// <inheritdoc cref="PutRule(string, string)"/>
    public void PutRule(string ruleName, EventPattern pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleName);
        ArgumentNullException.ThrowIfNull(pattern);
        lock (gate)
        {
            if (rules.TryGetValue(ruleName, out var rule))
            {
                rule.Pattern = pattern;
            }
            else
            {
                rules.Add(ruleName, new LocalEventRule(ruleName, pattern));
                ruleSnapshot = [.. rules.Values];
            }
        }
    }

    /// <summary>Deletes a rule and its targets; false when there was none.</summary>
    public bool RemoveRule(string ruleName)
    {
        lock (gate)
        {
            var removed = rules.Remove(ruleName);
            ruleSnapshot = [.. rules.Values];
            return removed;
        }
    }

    /// <summary>Adds a queue target: the queue gets each matching event's JSON as a message body.</summary>
    public void AddQueueTarget(string ruleName, IMessageQueue queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        lock (gate)
        {
            var rule = GetRule(ruleName);
            if (!rule.QueueTargets.Contains(queue))
            {
                rule.QueueTargets = [.. rule.QueueTargets, queue];
            }
        }
    }

    /// <summary>Adds an in-process target: the handler gets each matching event's JSON, on the thread pool.</summary>
    public void AddHandlerTarget(string ruleName, Func<string, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (gate)
        {
            var rule = GetRule(ruleName);
            rule.HandlerTargets = [.. rule.HandlerTargets, handler];
        }
    }

    /// <inheritdoc/>
    public async ValueTask<PutEventsResult> PutEventsAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        cancellationToken.ThrowIfCancellationRequested();
        if (entries.Count is 0 or > MaxEntries)
        {
            throw new PortException("PutEvents", "ValidationException", $"PutEvents on bus '{Name}' takes 1 to {MaxEntries} entries (got {entries.Count}).", isTransient: false);
        }

        var results = new PutEventsResultEntry[entries.Count];
        var failed = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var eventId = LocalIdentifiers.FormatId(LocalIdentifiers.NextSequence());
            var eventJson = BuildEvent(entries[i], eventId, out var errorCode, out var errorMessage);
            if (eventJson is null)
            {
                results[i] = new PutEventsResultEntry(null, errorCode, errorMessage);
                failed++;
                continue;
            }

            results[i] = new PutEventsResultEntry(eventId);
            await RouteAsync(eventJson, cancellationToken).ConfigureAwait(false);
        }

        return new PutEventsResult(failed, results);
    }

    /// <summary>Completes when no handler target is running.</summary>
    public Task DrainAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (pendingHandlers == 0)
            {
                return Task.CompletedTask;
            }

            handlersIdle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return handlersIdle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Signals cancellation to running handlers and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await shutdown.CancelAsync().ConfigureAwait(false);
        await DrainAsync().ConfigureAwait(false);
    }

    private LocalEventRule GetRule(string ruleName) =>
        rules.TryGetValue(ruleName, out var rule)
            ? rule
            : throw new InvalidOperationException($"Event bus '{Name}' has no rule '{ruleName}'; put the rule before adding targets.");

    /// <summary>The EventBridge event for one entry, or null with the per-entry error.</summary>
    private string? BuildEvent(EventEntry? entry, string eventId, out string? errorCode, out string? errorMessage)
    {
        errorCode = "InvalidArgument";
        if (entry is null)
        {
            errorMessage = "The entry is null.";
            return null;
        }

        if (string.IsNullOrWhiteSpace(entry.Source))
        {
            errorMessage = "Parameter Source is not valid. Reason: Source is a required argument.";
            return null;
        }

        if (string.IsNullOrWhiteSpace(entry.DetailType))
        {
            errorMessage = "Parameter DetailType is not valid. Reason: DetailType is a required argument.";
            return null;
        }

        if (!string.IsNullOrEmpty(entry.EventBusName) && !acceptedBusNames.Contains(entry.EventBusName))
        {
            errorMessage = $"Event bus '{entry.EventBusName}' does not exist here (this bus is '{Name}').";
            return null;
        }

        JsonDocument detail;
        try
        {
            detail = JsonDocument.Parse(entry.Detail ?? string.Empty);
        }
        catch (JsonException)
        {
            errorCode = "MalformedDetail";
            errorMessage = "Detail is malformed: it is not valid JSON.";
            return null;
        }

        using (detail)
        {
            if (detail.RootElement.ValueKind != JsonValueKind.Object)
            {
                errorCode = "MalformedDetail";
                errorMessage = "Detail is malformed: it must be a JSON object.";
                return null;
            }

            errorCode = null;
            errorMessage = null;
            var buffer = new ArrayBufferWriter<byte>(256 + (entry.Detail?.Length ?? 0));
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("version", "0");
                writer.WriteString("id", eventId);
                writer.WriteString("detail-type", entry.DetailType);
                writer.WriteString("source", entry.Source);
                writer.WriteString("account", account);
                writer.WriteString("time", timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                writer.WriteString("region", region);
                writer.WriteStartArray("resources");
                writer.WriteEndArray();
                writer.WritePropertyName("detail");
                detail.RootElement.WriteTo(writer);
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }

    private async ValueTask RouteAsync(string eventJson, CancellationToken cancellationToken)
    {
        List<LocalEventRule>? matched = null;
        using (var document = JsonDocument.Parse(eventJson))
        {
            foreach (var rule in Volatile.Read(ref ruleSnapshot))
            {
                if (rule.Pattern.Matches(document.RootElement))
                {
                    (matched ??= []).Add(rule);
                }
            }
        }

        if (matched is null)
        {
            return;
        }

        Interlocked.Increment(ref matchedEvents);
        foreach (var rule in matched)
        {
            foreach (var queue in rule.QueueTargets)
            {
                try
                {
                    await queue.SendAsync(new OutgoingMessage(eventJson), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failedInvocations);
                }
            }

            foreach (var handler in rule.HandlerTargets)
            {
                StartHandler(handler, eventJson);
            }
        }
    }

    private void StartHandler(Func<string, CancellationToken, ValueTask> handler, string eventJson)
    {
        lock (gate)
        {
            pendingHandlers++;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await handler(eventJson, shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failedInvocations);
            }
            finally
            {
                TaskCompletionSource? idle = null;
                lock (gate)
                {
                    if (--pendingHandlers == 0)
                    {
                        idle = handlersIdle;
                        handlersIdle = null;
                    }
                }

                idle?.TrySetResult();
            }
        });
    }
}
