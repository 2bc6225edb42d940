namespace ResilienceLab.Harness.Health;

/// <summary>Reads the process's own gauges; the harness-health sampler's one source, so tests can feed it figures.</summary>
public interface IProcessGauges
{
    /// <summary>Cores the process may use (CPU percent is of all of them).</summary>
    int ProcessorCount { get; }

    ProcessGaugeReading Read();
}
