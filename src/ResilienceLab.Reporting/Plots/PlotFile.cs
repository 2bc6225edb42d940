namespace ResilienceLab.Reporting.Plots;

/// <summary>A rendered plot: file name inside the report folder, title, and PNG bytes.</summary>
public sealed record PlotFile(string FileName, string Title, byte[] Png);
