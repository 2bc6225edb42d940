namespace ResilienceLab.Stack.Breaker;

/// <summary>The document's three breaker states.</summary>
public enum CircuitState
{
    Closed,
    Open,
    HalfOpen,
}
