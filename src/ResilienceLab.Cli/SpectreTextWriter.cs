using System.Text;
using Spectre.Console;

namespace ResilienceLab.Cli;

/// <summary>Lets System.CommandLine's help text go through the same console as everything else.</summary>
internal sealed class SpectreTextWriter : TextWriter
{
    private readonly IAnsiConsole _console;

    public SpectreTextWriter(IAnsiConsole console) => _console = console;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => _console.Profile.Out.Writer.Write(value);

    public override void Write(string? value) => _console.Profile.Out.Writer.Write(value);

    public override void WriteLine(string? value) => _console.Profile.Out.Writer.WriteLine(value);
}
