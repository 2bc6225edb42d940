namespace ResilienceLab.Chaos.Faults;

/// <summary>Defaults and caps of the fault catalogue, in one place.</summary>
public static class FaultConstants
{
    /// <summary>Status of <see cref="FaultKind.HttpError"/>, <see cref="FaultKind.HttpFlapping"/> and <see cref="FaultKind.HttpFirstN"/> when none is given.</summary>
    public const int DefaultStatus = 503;

    /// <summary>Longest a blackholed request is held when its fault does not end first.</summary>
    public static readonly TimeSpan BlackholeHoldCap = TimeSpan.FromMinutes(2);

    /// <summary>Cap of a lognormal delay when the fault gives no <c>delay_max</c>.</summary>
    public static readonly TimeSpan DefaultLognormalCap = TimeSpan.FromSeconds(30);

    /// <summary>Status a blackholed request finally gets (the gateway gave up).</summary>
    public const int BlackholeStatus = 504;
}
