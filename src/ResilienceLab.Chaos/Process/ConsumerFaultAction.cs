namespace ResilienceLab.Chaos.Process;

/// <summary>What a consumer does with one received message, as <see cref="ConsumerFaults.Decide"/> tells it.</summary>
public enum ConsumerFaultAction
{
    /// <summary>Process and delete as usual.</summary>
    Proceed,

    /// <summary>Neither process nor delete: the message comes back after its visibility timeout.</summary>
    Stall,

    /// <summary>Process, then crash before the delete: the message comes back and is processed again.</summary>
    CrashBeforeDelete,
}
