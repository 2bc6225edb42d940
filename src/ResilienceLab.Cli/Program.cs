using System.Runtime.InteropServices;
using ResilienceLab.Cli;

// A plain HTTP load is all short socket round trips: running their continuations on the socket engine's own thread
// instead of hopping to the thread pool is what lets one process on two cores keep pace with wrk. The runtime reads
// this once, when the first socket is used, so it is set before anything else runs (and only for `load`, whose
// iterations never block; a scenario run also hosts the WireMock servers and the stack).
if (args.Length > 0 && args[0] == "load" && Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

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
