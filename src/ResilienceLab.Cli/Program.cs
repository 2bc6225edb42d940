using ResilienceLab.Cli;

return await CliApplication.RunAsync(args, CliConsole.FromProcess()).ConfigureAwait(false);
