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

// Native memory freed by the runtime, the sockets and the HTTP stack goes back to the system instead of staying in
// glibc's per-thread arenas (NativeHeapLimits says why). Set before the work starts, so every arena follows it.
NativeHeapLimits.Apply(Environment.GetEnvironmentVariable);

// Ctrl-C and SIGTERM are one thing for every command: the first cancels it (faults are rolled back, what can be
// written is written, exit 3, the abort reason names the signal). A second one exits at once with 3: every fault lives
// in this process (WireMock servers, port decorators, consumer switches), so ending it rolls them all back.
using var stop = new CancellationTokenSource();
void Interrupt(PosixSignalContext context, string name)
{
    context.Cancel = true;
    if (stop.IsCancellationRequested)
    {
        Console.Error.WriteLine($"{name} again: exiting now.");
        Environment.Exit(ExitCodes.Aborted);
    }

    Interruption.Record(name);
    Console.Error.WriteLine($"Stopping on {name}: rolling back faults and writing what can be written ({name} again to quit at once)...");
    stop.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Interrupt(context, "Ctrl-C (SIGINT)"));
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Interrupt(context, "SIGTERM"));

return await CliApplication.RunAsync(args, CliConsole.FromProcess(), stop.Token).ConfigureAwait(false);
