namespace ResilienceLab.Reporting.Writers;

/// <summary>
/// Names that become file or folder names (scenario, suite and fault names): slugs of letters, digits, <c>.</c>, <c>_</c>
/// and <c>-</c>, at most <see cref="MaxLength"/> characters, not starting with a dot (so never <c>.</c>, <c>..</c> or a
/// hidden folder, which is where report folders are staged). A name is never a path.
/// </summary>
public static class ReportNames
{
    /// <summary>The longest name accepted; a folder name with staging suffixes stays far below file systems' 255 bytes.</summary>
    public const int MaxLength = 100;

    /// <summary>The rule in words, for messages.</summary>
    public const string Rule = "may contain only letters, digits, '.', '_' and '-', must not start with '.', and is at most 100 characters (it becomes a file name)";

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= MaxLength
        && name[0] != '.'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid name.</exception>
    public static string Require(string name, string paramName) =>
        IsValid(name) ? name : throw new ArgumentException($"{Load.InputText.Quote(name)} {Rule}", paramName);
}
