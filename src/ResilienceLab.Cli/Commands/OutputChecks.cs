using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// Output paths checked before any load runs (exit 2 with the reason), and writes that still fail afterwards reported
/// after the verdict (exit 3): a run's result is never lost to a stack trace.
/// </summary>
internal static class OutputChecks
{
    /// <summary>Prints each problem as <c>error: OPTION: ...</c>; true when there was one.</summary>
    public static bool Refused(CliConsole console, string option, params string?[] problems)
    {
        var found = false;
        foreach (var problem in problems.Where(p => p is not null))
        {
            console.WriteError($"error: {option}: {problem}");
            found = true;
        }

        return found;
    }

    /// <summary>Problems of an output folder that is to receive report folders named <paramref name="names"/>.</summary>
    public static string?[] ReportFolders(string outDirectory, params string[] names) =>
        WritableLocation.FolderProblem(outDirectory) is { } problem
            ? [problem]
            : [.. names.Select(n => ReportFolderWriter.ProblemWithTarget(outDirectory, n))];

    /// <summary>
    /// Takes the lock of each <c>OUT/NAME</c> for the whole run (a second run into the same folder is refused, not queued);
    /// null after printing why when one is held by another run.
    /// </summary>
    public static ReportFolderLocks? Lock(CliConsole console, string outDirectory, params string[] names)
    {
        var locks = new ReportFolderLocks();
        foreach (var name in names)
        {
            if (ReportFolderLock.TryAcquire(outDirectory, name, out var problem) is not { } held)
            {
                console.WriteError($"error: --out: {problem}");
                locks.Dispose();
                return null;
            }

            locks.Add(held);
        }

        return locks;
    }

    /// <summary>Says what could not be written after the verdict was printed; the exit code is then 3.</summary>
    public static int WriteFailed(CliConsole console, string what, string error)
    {
        console.WriteError($"error: {what} could not be written: {error}; the verdict above stands, its files are missing");
        return ExitCodes.Aborted;
    }
}
