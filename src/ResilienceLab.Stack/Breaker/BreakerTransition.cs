namespace ResilienceLab.Stack.Breaker;

/// <summary>A breaker state change, with when and why it happened.</summary>
public sealed record BreakerTransition(string ServiceName, CircuitState From, CircuitState To, DateTimeOffset At, string Reason);
