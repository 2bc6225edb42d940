namespace ResilienceLab.Harness.GameDays;

/// <summary>A stop condition that tripped: the value of the sample that tripped it, when, and how long it had held.</summary>
public sealed record StopConditionTrip(StopCondition Condition, double Observed, TimeSpan At, TimeSpan HeldFor)
{
    public string Reason => $"stop condition '{Condition.Name}' tripped: {Condition.Describe()} (observed {Observed.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}); every fault was rolled back";
}
