namespace ResilienceLab.Reporting.Model;

/// <summary>One dependency in one second: calls by the stack, errors, attempts sent, requests received, breaker state at the end of the second.</summary>
public sealed record DependencySecond(long Calls, long Errors, long Attempts, long RequestsReceived, string Breaker);
