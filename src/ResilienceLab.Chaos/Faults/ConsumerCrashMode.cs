namespace ResilienceLab.Chaos.Faults;

/// <summary>How a consumer hit by <see cref="FaultKind.ConsumerCrash"/> fails.</summary>
public enum ConsumerCrashMode
{
    /// <summary>Receives the message but neither processes nor deletes it (<c>stall</c>).</summary>
    Stall,

    /// <summary>Processes the message, then crashes before deleting it (<c>crash_before_delete</c>): the work is done twice.</summary>
    CrashBeforeDelete,
}
