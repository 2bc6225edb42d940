namespace ResilienceLab.Cli;

/// <summary>What interrupted this process, for abort reasons: set by Program.cs when Ctrl-C or SIGTERM arrives.</summary>
public static class Interruption
{
    private static string _name = "Ctrl-C";

    /// <summary>"Ctrl-C (SIGINT)", "SIGTERM", ...; "Ctrl-C" until a signal arrived (in-process callers cancel by token).</summary>
    public static string Name => Volatile.Read(ref _name);

    public static void Record(string signal) => Volatile.Write(ref _name, signal);
}
