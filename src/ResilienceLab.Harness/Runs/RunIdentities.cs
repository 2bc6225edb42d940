using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.Runs;

/// <summary>Which run this was, as a scenario run and a game day both record it.</summary>
internal static class RunIdentities
{
    public static RunIdentity For(RunRequest request, Scenario scenario, int seed, DateTimeOffset startedAt, string runId) => new()
    {
        Label = request.Label,
        RunId = runId,
        Segment = request.Segment.IsWhole ? null : request.Segment.ToString(),
        Seed = seed,
        Quick = request.Quick,
        Target = request.Target,
        Placement = Targets.BackendFactory.Placements(request.Target, request.Config).ToDictionary(),
        StartedAt = startedAt,
        WarmUpS = scenario.WarmUp.TotalSeconds,
        ConfigHash = request.Config.Hash,
        GitCommit = RunEnvironment.GitCommit(),
        Machine = RunEnvironment.Machine(),
        ToolVersion = RunEnvironment.ToolVersion(),
    };
}
