namespace ResilienceLab.Reporting.Comparison;

/// <summary>A report folder that cannot be compared: no or malformed report.json, or a schema_version of another major version.</summary>
public sealed class IncompatibleReportException : Exception
{
    public IncompatibleReportException(string message)
        : base(message)
    {
    }

    public IncompatibleReportException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
