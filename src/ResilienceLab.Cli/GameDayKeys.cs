using ResilienceLab.Harness.GameDays;

namespace ResilienceLab.Cli;

/// <summary>
/// Keys in the live console during a game day (interactive terminals only): f lists faults, s starts one, x stops one,
/// n adds a note, q ends the game day. They call the same <see cref="IGameDayControl"/> the control endpoint serves.
/// </summary>
internal sealed class GameDayKeys(CliConsole console, IGameDayControl control, TimeProvider time)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public Task RunAsync(CancellationToken cancellationToken) => Task.Run(() => LoopAsync(cancellationToken), CancellationToken.None);

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var writer = console.Output.Profile.Out.Writer;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!Console.KeyAvailable)
                {
                    await Task.Delay(Poll, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var key = char.ToLowerInvariant(Console.ReadKey(intercept: true).KeyChar);
                var line = key switch
                {
                    'f' => string.Join(Environment.NewLine, control.Faults().Select(f => $"  {f.Name} ({f.Kind} on {f.Target}, {f.Source}){(f.Active ? " ON" : string.Empty)}").DefaultIfEmpty("  no faults")),
                    's' => Answer(control.StartFault(Ask(writer, "fault to start: "))),
                    'x' => Answer(control.StopFault(Ask(writer, "fault to stop: "))),
                    'n' => Answer(control.AddNote(Ask(writer, "note: "))),
                    'q' => Answer(control.End()),
                    _ => null,
                };
                if (line is not null)
                {
                    writer.WriteLine(line);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The game day ended.
        }
        catch (InvalidOperationException)
        {
            // No console to read keys from after all.
        }
    }

    private static string Ask(TextWriter writer, string prompt)
    {
        writer.Write(prompt);
        return Console.ReadLine()?.Trim() ?? string.Empty;
    }

    private static string Answer(ControlResult result) => result.Done ? $"  {result.Message}" : $"  refused: {result.Message}";
}
