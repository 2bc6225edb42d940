namespace ResilienceLab.Stack.Ports;

/// <summary>PutEvents' answer: FailedEntryCount and one entry per request entry, in order.</summary>
public sealed record PutEventsResult(int FailedEntryCount, IReadOnlyList<PutEventsResultEntry> Entries);
