namespace ResilienceLab.Harness.Health;

/// <summary>The running process's gauges from the .NET runtime.</summary>
public sealed class RuntimeProcessGauges : IProcessGauges
{
    public static RuntimeProcessGauges Instance { get; } = new();

    public int ProcessorCount => Environment.ProcessorCount;

    public ProcessGaugeReading Read() =>
        new(Environment.CpuUsage.TotalTime, GC.GetTotalPauseDuration(), ThreadPool.PendingWorkItemCount);
}
