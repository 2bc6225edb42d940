namespace ResilienceLab.Chaos.Faults;

/// <summary>What happened to one fault during a run: when it was switched on and off (offsets from run start) and how many requests it hit.</summary>
public sealed record FaultRecord(
    string Name,
    string Kind,
    string Target,
    double Rate,
    TimeSpan ScheduledStart,
    TimeSpan ScheduledEnd,
    TimeSpan? ActualStart,
    TimeSpan? ActualEnd,
    long RequestsAffected,
    bool RolledBackEarly);
