namespace ResilienceLab.Stack.Ports;

/// <summary>The outcome of one PutEvents entry: an EventId, or an ErrorCode and ErrorMessage.</summary>
public sealed record PutEventsResultEntry(string? EventId, string? ErrorCode = null, string? ErrorMessage = null)
{
    public bool Failed => ErrorCode is not null;
}
