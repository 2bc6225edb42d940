namespace ResilienceLab.Stack.Retry;

/// <summary>How retry delays are randomised (AWS Architecture Blog, "Exponential Backoff and Jitter").</summary>
public enum JitterMode
{
    /// <summary>The document's plain exponential delay: base * factor^attempt.</summary>
    None,

    /// <summary>A uniform delay between 0 and the exponential delay.</summary>
    Full,

    /// <summary>Half the exponential delay plus a uniform half.</summary>
    Equal,

    /// <summary>A uniform delay between the base and three times the previous delay.</summary>
    Decorrelated,
}
