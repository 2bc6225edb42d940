using System.Runtime.InteropServices;
using ResilienceLab.Cli;

// The first Ctrl-C (or SIGTERM) stops the run gracefully: faults are rolled back and a partial report is written.
// A second Ctrl-C ends the process at once.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!stop.IsCancellationRequested)
    {
        e.Cancel = true;
        Console.Error.WriteLine("Stopping: rolling back faults and writing a partial report (Ctrl-C again to quit at once)...");
        stop.Cancel();
    }
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

return await CliApplication.RunAsync(args, CliConsole.FromProcess(), stop.Token).ConfigureAwait(false);
