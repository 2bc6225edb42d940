namespace ResilienceLab.Cli.Tests;

/// <summary>Runs the command line in-process with captured output, as a user would run it.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApplication.RunAsync(args, CliConsole.ForWriters(output, error));
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
