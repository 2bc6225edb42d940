using System.CommandLine;
using ResilienceLab.Infrastructure.Local.EventPatterns;

namespace ResilienceLab.Cli.Commands;

/// <summary><c>test-event-pattern</c>: prints true or false, as <c>aws events test-event-pattern</c> does; an invalid pattern or event exits 2 with the reason.</summary>
internal static class TestEventPatternCommand
{
    public static Command Create(CliConsole console)
    {
        var pattern = new Option<string>("--event-pattern") { Description = "The EventBridge event pattern (JSON).", Required = true };
        var @event = new Option<string>("--event") { Description = "The event to test (JSON).", Required = true };
        var command = new Command("test-event-pattern", "Test whether an event matches an EventBridge event pattern.") { pattern, @event };
        command.SetAction(parse =>
        {
            try
            {
                var matches = EventPatternTester.Test(parse.GetValue(pattern)!, parse.GetValue(@event)!);
                console.Output.Profile.Out.Writer.WriteLine(matches ? "true" : "false");
                return 0;
            }
            catch (EventPatternException ex)
            {
                console.WriteError($"error: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
        });
        return command;
    }
}
