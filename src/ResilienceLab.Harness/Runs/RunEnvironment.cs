using System.Reflection;

namespace ResilienceLab.Harness.Runs;

/// <summary>Facts about where a run happened, for the report's identity block.</summary>
internal static class RunEnvironment
{
    /// <summary>Server GC's own gen0 budget ceiling (200 MB): a cap is reported only below it.</summary>
    private const long DefaultGen0MaxBudget = 200L * 1024 * 1024;

    /// <summary>The checked-out commit of the working directory's repository, read from .git without running git; null when there is none.</summary>
    public static string? GitCommit()
    {
        try
        {
            var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, ".git")))
            {
                dir = dir.Parent;
            }

            if (dir is null)
            {
                return null;
            }

            var git = Path.Combine(dir.FullName, ".git");
            var head = File.ReadAllText(Path.Combine(git, "HEAD")).Trim();
            if (!head.StartsWith("ref: ", StringComparison.Ordinal))
            {
                return head;
            }

            var reference = head[5..];
            var loose = Path.Combine(git, reference);
            if (File.Exists(loose))
            {
                return File.ReadAllText(loose).Trim();
            }

            var packed = Path.Combine(git, "packed-refs");
            return File.Exists(packed)
                ? File.ReadLines(packed).Select(l => l.Split(' ')).FirstOrDefault(p => p.Length == 2 && p[1] == reference)?[0]
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public static string Machine() =>
        $"{Environment.MachineName} ({Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, {Collector(GC.GetConfigurationVariables())})";

    /// <summary>
    /// The garbage collector the harness ran under, as it affects the harness's own pauses and memory: server or
    /// workstation, background or blocking gen2 collections, and server GC's gen0 budget cap when one below its own
    /// ceiling is set.
    /// </summary>
    internal static string Collector(IReadOnlyDictionary<string, object> settings)
    {
        var server = settings.TryGetValue("ServerGC", out var s) && s is true;
        var background = !settings.TryGetValue("ConcurrentGC", out var c) || c is true;
        var cap = server && settings.TryGetValue("GCGen0MaxBudget", out var b) && b is long bytes && bytes > 0 && bytes < DefaultGen0MaxBudget
            ? $", gen0 budget at most {bytes / (1024 * 1024)} MB a heap"
            : "";
        return $"{(server ? "server" : "workstation")} GC, {(background ? "background" : "blocking")} gen2{cap}";
    }

    public static string ToolVersion() => typeof(RunEnvironment).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
}
