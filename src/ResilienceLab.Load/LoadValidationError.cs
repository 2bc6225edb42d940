namespace ResilienceLab.Load;

/// <summary>One problem with a load plan: the segment (-1 for the plan itself), the field (snake_case) and a sentence saying what is wrong.</summary>
public sealed record LoadValidationError(int SegmentIndex, string Field, string Message)
{
    /// <summary>The plan-level segment index.</summary>
    public const int PlanLevel = -1;

    public override string ToString() =>
        SegmentIndex == PlanLevel ? $"{Field}: {Message}" : $"simulations[{SegmentIndex}].{Field}: {Message}";
}
