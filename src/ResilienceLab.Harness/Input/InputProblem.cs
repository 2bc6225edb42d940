namespace ResilienceLab.Harness.Input;

/// <summary>One thing wrong with an input file: which file, which field (a JSON path such as <c>services[1].retry_config.max_retries</c>), and what.</summary>
public sealed record InputProblem(string File, string Path, string Message)
{
    /// <summary>One line: control characters anywhere in it (a crafted file name, field name or value) are escaped.</summary>
    public override string ToString() => Load.InputText.Escape(string.IsNullOrEmpty(Path) ? $"{File}: {Message}" : $"{File}: {Path}: {Message}");
}
