using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Harness.Runs;

/// <summary>Counters of one service over one second (or the whole run); thread-safe increments.</summary>
public sealed class ServiceSecondCounts
{
    private long _calls;
    private long _errors;
    private long _attempts;
    private long _retries;
    private long _rejections;
    private long _tableOperations;

    public long Calls => Interlocked.Read(ref _calls);

    public long Errors => Interlocked.Read(ref _errors);

    public long Attempts => Interlocked.Read(ref _attempts);

    public long Retries => Interlocked.Read(ref _retries);

    public long Rejections => Interlocked.Read(ref _rejections);

    /// <summary>Operations on the breaker table (reads, writes, counter updates) made for the service.</summary>
    public long TableOperations => Interlocked.Read(ref _tableOperations);

    internal void Add(string instrument, string? outcome, long value)
    {
        switch (instrument)
        {
            case StackInstruments.Calls:
                Interlocked.Add(ref _calls, value);
                if (outcome is not "ok")
                {
                    Interlocked.Add(ref _errors, value);
                }

                break;
            case StackInstruments.Attempts:
                Interlocked.Add(ref _attempts, value);
                break;
            case StackInstruments.Retries:
                Interlocked.Add(ref _retries, value);
                break;
            case StackInstruments.Rejections:
                Interlocked.Add(ref _rejections, value);
                break;
            case StackInstruments.TableOperations:
                Interlocked.Add(ref _tableOperations, value);
                break;
        }
    }
}
