using ResilienceLab.Load;

namespace ResilienceLab;

/// <summary>How a step's iteration ended (NBomber's <c>Response</c>).</summary>
public static class Response
{
    public static IterationOutcome Ok() => IterationOutcome.Success;

    /// <summary>A failure with a short reason (snake_case, e.g. <c>http_503</c>, <c>timeout</c>, <c>circuit_open</c>).</summary>
    public static IterationOutcome Fail(string reason) => IterationOutcome.Failure(reason);
}
