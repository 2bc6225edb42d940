namespace ResilienceLab.Chaos.Faults;

/// <summary>The fault catalogue, as scenario files name it (snake_case).</summary>
public enum FaultKind
{
    /// <summary>The dependency answers an error status (5xx, or 429 with Retry-After), optionally after a delay.</summary>
    HttpError,

    /// <summary>The dependency answers normally after a fixed delay.</summary>
    HttpDelay,
}
