using ResilienceLab.Harness.Runs;

namespace ResilienceLab.Harness.Tests.Runs;

public sealed class RunEnvironmentTests
{
    [Fact]
    public void Collector_ServerBlockingWithACap_NamesAllThree()
    {
        var settings = new Dictionary<string, object> { ["ServerGC"] = true, ["ConcurrentGC"] = false, ["GCGen0MaxBudget"] = 30L * 1024 * 1024 };

        Assert.Equal("server GC, blocking gen2, gen0 budget at most 30 MB a heap", RunEnvironment.Collector(settings));
    }

    [Fact]
    public void Collector_ServerBackgroundAtItsOwnCeiling_ReportsNoCap()
    {
        var settings = new Dictionary<string, object> { ["ServerGC"] = true, ["ConcurrentGC"] = true, ["GCGen0MaxBudget"] = 200L * 1024 * 1024 };

        Assert.Equal("server GC, background gen2", RunEnvironment.Collector(settings));
    }

    [Fact]
    public void Collector_WorkstationWithItsOwnSmallerCeiling_ReportsNoCap()
    {
        var settings = new Dictionary<string, object> { ["ServerGC"] = false, ["ConcurrentGC"] = true, ["GCGen0MaxBudget"] = 6L * 1024 * 1024 };

        Assert.Equal("workstation GC, background gen2", RunEnvironment.Collector(settings));
    }

    [Fact]
    public void Machine_ThisProcess_EndsWithTheCollectorItRunsUnder()
    {
        Assert.EndsWith(RunEnvironment.Collector(GC.GetConfigurationVariables()) + ")", RunEnvironment.Machine(), StringComparison.Ordinal);
    }
}
