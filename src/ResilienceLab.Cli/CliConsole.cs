using ResilienceLab.Load;
using Spectre.Console;

namespace ResilienceLab.Cli;

/// <summary>Where a command writes: a Spectre console for output and a plain writer for errors, so tests can capture both.</summary>
public sealed class CliConsole
{
    public CliConsole(IAnsiConsole output, TextWriter error, bool isInteractive)
    {
        Output = output;
        Error = error;
        IsInteractive = isInteractive;
    }

    public IAnsiConsole Output { get; }

    public TextWriter Error { get; }

    /// <summary>True when a person is watching a terminal (live progress); false in CI and when output is redirected.</summary>
    public bool IsInteractive { get; }

    public static CliConsole FromProcess()
    {
        var interactive = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        var console = AnsiConsole.Console;
        if (Console.IsOutputRedirected)
        {
            // Logs and CI job output have no terminal width; keep tables on one line each.
            console.Profile.Width = 200;
        }

        return new CliConsole(console, Console.Error, interactive);
    }

    /// <summary>A console writing plain text (no colours, no live widgets) to <paramref name="output"/>.</summary>
    public static CliConsole ForWriters(TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 160;
        return new CliConsole(console, error, isInteractive: false);
    }

    /// <summary>Writes one line of error, plain, to standard error; control characters in it are escaped, so input quoted in it cannot drive the terminal.</summary>
    public void WriteError(string message) => Error.WriteLine(InputText.Escape(message));
}
