namespace ResilienceLab.Reporting.Model;

/// <summary>A fault of the run and its window in seconds from the start (scheduled and actual).</summary>
public sealed record FaultReport(
    string Name,
    string Kind,
    string Target,
    double Rate,
    double StartS,
    double EndS,
    double? ActualStartS,
    double? ActualEndS,
    long RequestsAffected,
    bool RolledBackEarly,
    string Source = "schedule");
