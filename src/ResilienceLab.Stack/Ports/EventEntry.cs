namespace ResilienceLab.Stack.Ports;

/// <summary>One PutEvents entry, with EventBridge's field names.</summary>
public sealed record EventEntry(string Source, string DetailType, string Detail, string EventBusName);
