using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Cli.Commands;

/// <summary>The report folder locks a command holds for its run, released together.</summary>
internal sealed class ReportFolderLocks : IDisposable
{
    private readonly List<ReportFolderLock> _locks = [];

    public void Add(ReportFolderLock held) => _locks.Add(held);

    public void Dispose()
    {
        foreach (var held in _locks)
        {
            held.Dispose();
        }

        _locks.Clear();
    }
}
