using ResilienceLab.Harness.Input;

namespace ResilienceLab.Cli.Commands;

/// <summary>Bad input as every command reports it: one <c>error: FILE: FIELD: ...</c> line per problem, exit 2.</summary>
internal static class Problems
{
    public static int Print(CliConsole console, InvalidInputException ex)
    {
        foreach (var problem in ex.Problems)
        {
            console.WriteError($"error: {problem}");
        }

        return ExitCodes.InvalidInput;
    }
}
