using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Load;

namespace ResilienceLab.Harness.Runs;

/// <summary>An agent's <c>shard.json</c> (only when the run is split across agents), for <c>merge</c>: a scenario run's or a game day's.</summary>
internal static class RunShards
{
    public static IEnumerable<(string FileName, string Content)> For(ExecutionSegment segment, Scenario scenario, LooseCouplingConfig config, bool quick, Uri? dependencyHost, RunObservations observations)
    {
        if (segment.IsWhole)
        {
            yield break;
        }

        yield return (RunShard.FileName, ShardJson.Serialize(new RunShard
        {
            Segment = segment.ToString(),
            ScenarioFile = scenario.SourceFile,
            ScenarioSource = File.ReadAllText(scenario.SourceFile),
            ConfigFile = config.SourceFile,
            ConfigSource = File.ReadAllText(config.SourceFile),
            Quick = quick,
            DependencyHost = dependencyHost?.AbsoluteUri,
            Observations = observations,
        }));
    }
}
