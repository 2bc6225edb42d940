namespace ResilienceLab.Reporting.Plots;

/// <summary>A rendered plot: file name inside the report folder, title, and PNG bytes.</summary>
public sealed record PlotFile(string FileName, string Title, byte[] Png)
{
    /// <summary>The scenario a comparison's overlay belongs to (matched exactly, never by file-name prefix); null for a run's own plots.</summary>
    public string? Scenario { get; init; }
}
