namespace ResilienceLab.Reporting.Model;

/// <summary>The verdict words of report.json.</summary>
public static class Verdicts
{
    public const string Contained = "contained";
    public const string NotContained = "not_contained";
    public const string Aborted = "aborted";
}
