namespace ResilienceLab.Stack.Telemetry;

/// <summary>Names of the instruments on the <c>ResilienceLab</c> meter.</summary>
public static class StackInstruments
{
    public const string Calls = "resiliencelab.client.calls";
    public const string Attempts = "resiliencelab.client.attempts";
    public const string Retries = "resiliencelab.client.retries";
    public const string Rejections = "resiliencelab.client.rejections";
    public const string Timeouts = "resiliencelab.client.timeouts";
    public const string BreakerTransitions = "resiliencelab.breaker.transitions";
    public const string DeadLetterSends = "resiliencelab.queue.dead_letter_sends";
    public const string Messages = "resiliencelab.queue.messages";
    public const string Events = "resiliencelab.events";
    public const string EventsHandled = "resiliencelab.events.handled";
    public const string TableFallbacks = "resiliencelab.breaker.table_fallbacks";
    public const string TableConflicts = "resiliencelab.breaker.table_conflicts";
    public const string TableOperations = "resiliencelab.breaker.table_operations";
    public const string QueueDepth = "resiliencelab.queue.depth";
    public const string OutboxPending = "resiliencelab.events.outbox_pending";
    public const string BulkheadInUse = "resiliencelab.bulkhead.in_use";
}
