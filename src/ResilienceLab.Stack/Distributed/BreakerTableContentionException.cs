namespace ResilienceLab.Stack.Distributed;

/// <summary>A breaker-table update lost every one of its conditional writes to other writers.</summary>
public sealed class BreakerTableContentionException : Exception
{
    public BreakerTableContentionException(string serviceName, int attempts)
        : base($"Gave up updating the breaker item of {serviceName} after {attempts} conflicting writes")
    {
        ServiceName = serviceName;
        Attempts = attempts;
    }

    public string ServiceName { get; }

    public int Attempts { get; }
}
