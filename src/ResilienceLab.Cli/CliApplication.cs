using System.CommandLine;
using ResilienceLab.Cli.Commands;

namespace ResilienceLab.Cli;

/// <summary>The <c>resilience-lab</c> command line: builds the commands, maps parse errors to exit code 2.</summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = BuildRootCommand(console);
        var parseResult = root.Parse(NormalizeArguments(args));
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                console.WriteError($"error: {Plain(error.Message)}");
            }

            console.WriteError("Run 'resilience-lab --help' for usage.");
            return ExitCodes.InvalidInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = new SpectreTextWriter(console.Output),
            Error = console.Error,
            // Program.cs owns Ctrl-C so a run can roll back its faults and write its partial report first.
            ProcessTerminationTimeout = null,
        };
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    public static RootCommand BuildRootCommand(CliConsole console)
    {
        var root = new RootCommand(
            "ResilienceLab: provisions a loosely coupled stack, runs it against WireMock-served dependencies under load, " +
            "injects failures and reports whether the cascading failure was contained.");
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(ListCommand.Create(console));
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(ProvisioningCommands.Provision(console));
        root.Subcommands.Add(ProvisioningCommands.Teardown(console));
        root.Subcommands.Add(TestEventPatternCommand.Create(console));
        root.Subcommands.Add(LoadCommand.Create(console));
        root.Subcommands.Add(GateCommand.Create(console));
        root.Subcommands.Add(CompareCommand.Create(console));
        root.Subcommands.Add(MergeCommand.Create(console));
        root.Subcommands.Add(DependenciesCommand.Create(console));
        root.Subcommands.Add(KubernetesManifestCommand.Create(console));
        root.Subcommands.Add(GameDayCommand.Create(console));
        root.Subcommands.Add(GameDayCtlCommand.Create(console));
        root.Subcommands.Add(FisTemplateCommand.Create(console));
        return root;
    }

    /// <summary>Parse errors name .NET types ("System.Nullable`1[System.Int32]"); users read "a whole number".</summary>
    internal static string Plain(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"as expected type '([^']+)'", m => m.Groups[1].Value switch
        {
            var t when t.Contains("Int32", StringComparison.Ordinal) || t.Contains("Int64", StringComparison.Ordinal) => "as a whole number",
            var t when t.Contains("Double", StringComparison.Ordinal) || t.Contains("Decimal", StringComparison.Ordinal) => "as a number",
            var t when t.Contains("Boolean", StringComparison.Ordinal) => "as true or false",
            _ => "as a valid value",
        });

    /// <summary>A bare <c>--scenario NAME</c> (no command) means <c>run --scenario NAME</c>.</summary>
    internal static string[] NormalizeArguments(string[] args)
    {
        if (args.Length > 0 && args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version")
            && args.Any(a => a == "--scenario" || a.StartsWith("--scenario=", StringComparison.Ordinal)))
        {
            return ["run", .. args];
        }

        return args;
    }
}
