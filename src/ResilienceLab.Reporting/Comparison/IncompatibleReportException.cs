namespace ResilienceLab.Reporting.Comparison;

/// <summary>A report folder that cannot be compared: no or malformed report.json, or a schema_version of another major version.</summary>
public sealed class IncompatibleReportException : Exception
{
    /// <param name="message">One line; control characters in it (quoted from a crafted file) are escaped.</param>
    public IncompatibleReportException(string message)
        : base(Load.InputText.Escape(message))
    {
    }

    public IncompatibleReportException(string message, Exception inner)
        : base(Load.InputText.Escape(message), inner)
    {
    }
}
