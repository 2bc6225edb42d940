using System.CommandLine;

namespace ResilienceLab.Cli.Commands;

internal static class ListCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("list");
        command.SetAction(_ => { console.WriteError("not built yet"); return ExitCodes.Aborted; });
        return command;
    }
}
