namespace ResilienceLab.Chaos.Faults;

/// <summary>The fault catalogue, as scenario files name it (snake_case, see <see cref="FaultNames"/>).</summary>
public enum FaultKind
{
    /// <summary>The dependency answers an error status (5xx, or 429 with Retry-After), optionally after a delay.</summary>
    HttpError,

    /// <summary>The dependency answers normally after a fixed delay.</summary>
    HttpDelay,

    /// <summary>The dependency answers normally after a delay drawn uniformly from [DelayMin, DelayMax].</summary>
    HttpDelayUniform,

    /// <summary>The dependency answers normally after a lognormal delay (Median, Sigma), capped at DelayMax.</summary>
    HttpDelayLognormal,

    /// <summary>The dependency holds the request without answering until the fault ends (or a cap), then answers 504.</summary>
    HttpBlackhole,

    /// <summary>The dependency answers 200 with an empty body.</summary>
    HttpEmptyResponse,

    /// <summary>The dependency answers 200 with half its body followed by garbage bytes.</summary>
    HttpMalformedChunk,

    /// <summary>The dependency resets the connection (TCP RST) instead of answering.</summary>
    HttpConnectionReset,

    /// <summary>An error status switched on for the first half of every period and off for the second.</summary>
    HttpFlapping,

    /// <summary>The first N requests hit get an error status; later requests are healthy.</summary>
    HttpFirstN,

    /// <summary>An AWS API call fails with InternalError (500, transient), as FIS <c>aws:fis:inject-api-internal-error</c>.</summary>
    ApiInternalError,

    /// <summary>An AWS API call fails with ThrottlingException (400, transient), as FIS <c>aws:fis:inject-api-throttle-error</c>.</summary>
    ApiThrottle,

    /// <summary>An AWS API call fails with ServiceUnavailable (503, transient), as FIS <c>aws:fis:inject-api-unavailable-error</c>.</summary>
    ApiUnavailable,

    /// <summary>An AWS API call is delayed before it runs.</summary>
    ApiLatency,

    /// <summary>A queue's consumers receive messages but never delete them, so they come back after the visibility timeout.</summary>
    ConsumerCrash,

    /// <summary>A share of the messages produced to a queue is marked poison: the consumer's handler always fails on them.</summary>
    PoisonMessage,
}
