namespace ResilienceLab.Stack.Services;

/// <summary>
/// A call's result without an exception: the response, or the failure <see cref="ServiceCallException"/> would carry.
/// A storm fails thousands of calls a second; returning the failure keeps its cost off the caller.
/// </summary>
public readonly record struct ServiceCallOutcome(ServiceResponse? Response, ServiceCallException? Failure)
{
    public static ServiceCallOutcome Succeeded(ServiceResponse response) => new(response, null);

    public static ServiceCallOutcome Failed(ServiceCallException failure) => new(null, failure);

    /// <summary>The response, or the failure thrown.</summary>
    public ServiceResponse GetResponseOrThrow() => Response ?? throw Failure!;
}
