namespace ResilienceLab.Reporting.Tests.Writers;

/// <summary>
/// A fact that needs Debian's chromium. Skipped when it is missing, unless RESILIENCELAB_REQUIRE_CHROMIUM=1 (CI),
/// where the test runs and fails instead of hiding a missing browser.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Path = "/usr/bin/chromium";
    public const string RequireVariable = "RESILIENCELAB_REQUIRE_CHROMIUM";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Path) && Environment.GetEnvironmentVariable(RequireVariable) != "1")
        {
            Skip = $"{Path} not found (apt-get install chromium); set {RequireVariable}=1 to fail instead";
        }
    }
}
