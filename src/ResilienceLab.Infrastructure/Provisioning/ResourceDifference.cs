namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>One setting of an existing resource that differs from the plan: the field (as the provider names it), what the plan wants and what was found.</summary>
public sealed record ResourceDifference(string Field, string Expected, string Found)
{
    public override string ToString() => $"{Field}: expected {Expected}, found {Found}";
}
