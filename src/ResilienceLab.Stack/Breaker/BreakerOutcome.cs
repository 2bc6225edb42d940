namespace ResilienceLab.Stack.Breaker;

/// <summary>How an admitted call ended, as a breaker counts it.</summary>
public enum BreakerOutcome
{
    /// <summary>The dependency answered (a client error included: it says nothing bad about the dependency's health).</summary>
    Success,

    /// <summary>The dependency failed, timed out, or the call failed unexpectedly.</summary>
    Failure,

    /// <summary>The call ended without an outcome (the caller cancelled); a probe gives its slot back.</summary>
    Abandoned,
}
