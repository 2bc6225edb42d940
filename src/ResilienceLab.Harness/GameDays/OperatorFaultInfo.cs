namespace ResilienceLab.Harness.GameDays;

/// <summary>A fault as the operator sees it: from the <c>catalogue</c> (startable by name) or the <c>schedule</c> (runs on its own), and whether it is on.</summary>
public sealed record OperatorFaultInfo(string Name, string Kind, string Target, string Source, bool Active, double? DurationS, long RequestsAffected);
