using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.GameDays;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Tests.Configuration;

namespace ResilienceLab.Harness.Tests.GameDays;

/// <summary>
/// scenarios/gameday.json, the game day that works out of the box: a catalogue with every fault kind against every
/// target a run offers it, each of which a run can switch on, guards on the healthy path, and no scheduled fault.
/// </summary>
public sealed class ShippedGameDayTests
{
    private static readonly LooseCouplingConfig Config = ConfigReader.Read(ConfigReaderTests.RepositoryConfig());

    private static Scenario GameDay { get; } = ScenarioReader.Read(
        Path.Combine(Path.GetDirectoryName(ConfigReaderTests.RepositoryConfig())!, "scenarios", "gameday.json"), Config);

    [Fact]
    public void Catalogue_EveryKind_CoversEveryTargetOfThatKind()
    {
        var targets = new FaultTargetNames(Config);
        var topics = Config.PubSubTopics.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            // The workflow publishes to no topic, so a topic fault would hit nothing (and a run decorates no topic for API faults).
            var expected = targets.For(kind).Where(t => !topics.Contains(t));
            missing.AddRange(expected.Where(t => !GameDay.Catalogue.Any(f => f.Kind == kind && f.Target == t)).Select(t => $"{FaultNames.Of(kind)} on {t}"));
        }

        Assert.Empty(missing);
        Assert.Contains(GameDay.Catalogue, f => f.Kind == FaultKind.ApiInternalError && f.Target == "event-bus");
        Assert.Contains(GameDay.Catalogue, f => f.Kind == FaultKind.ApiInternalError && f.Target == "breaker-table");
        foreach (var queue in Config.MessageQueues.Select(q => q.Name))
        {
            Assert.All(Enum.GetValues<ConsumerCrashMode>(), mode => Assert.Contains(GameDay.Catalogue, f => f.Kind == FaultKind.ConsumerCrash && f.Target == queue && f.CrashMode == mode));
        }
    }

    [Fact]
    public void Catalogue_EveryFault_SwitchesItselfOffAndIsNamedTargetThenKind()
    {
        Assert.All(GameDay.Catalogue, f => Assert.True(f.Duration > TimeSpan.Zero, $"{f.Name} has no duration"));
        Assert.All(GameDay.Catalogue, f => Assert.StartsWith($"{f.Target}-{FaultNames.Of(f.Kind).Replace('_', '-')}", f.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void Scenario_GameDayParts_GuardTheHealthyPathAndScheduleNothing()
    {
        Assert.Empty(GameDay.Faults);
        Assert.NotEmpty(GameDay.Hypothesis);
        Assert.Contains(GameDay.StopConditions, c => c.Metric == StopConditionMetrics.LatencyP99Ms);
        Assert.Contains(GameDay.StopConditions, c => c.Metric == StopConditionMetrics.InFlight);
        Assert.Contains(GameDay.StopConditions, c => c.Metric == "dependency.inventory.error_rate");

        // A guard on failures must outlast any one catalogue fault, or starting a fault would end the game day at once.
        var longest = GameDay.Catalogue.Max(f => f.Duration);
        Assert.All(GameDay.StopConditions.Where(c => c.Metric.EndsWith("error_rate", StringComparison.Ordinal)), c => Assert.True(c.For > longest, $"{c.Name}: for {c.For} is not longer than {longest}"));
        GameDayValidator.Validate(new GameDayRequest { Scenario = GameDay, Config = Config, OutDirectory = Path.GetTempPath() });
    }

    [Fact]
    public async Task Catalogue_EveryFault_FindsItsTargetInARun()
    {
        await using var session = await RunSession.StartAsync(Config, ResilienceLab.Harness.Targets.RunTarget.InProcess, TimeProvider.System, new SeededRandom(1).NextDouble, "shipped-gameday", CancellationToken.None);

        Assert.All(GameDay.Catalogue, f => Assert.True(session.FaultTargets.Find(f.Target, f.Kind) is not null, $"{f.Name}: a run has no {FaultNames.Of(f.Kind)} target '{f.Target}'"));
    }
}
