using System.Text.Json;
using ResilienceLab.Cli.Tests;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;

namespace ResilienceLab.Tests;

/// <summary>A scenario written in C# and its JSON twin build one model: the same load, faults, checks and limits.</summary>
public sealed class ResilienceScenarioTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    /// <summary>breaker-storm as scenarios/breaker-storm.json defines it, written with the C# API.</summary>
    internal static ResilienceScenario BreakerStormTwin() =>
        ResilienceScenario.ForWorkflow("breaker-storm", "place-order", RepositoryPaths.Config)
            .WithDescription("The payment service fails every request with a slow 503 for 24 s under steady load. The circuit breaker must open fast, keep the storm of retries off payment, let workflows fail fast instead of piling up, leave inventory untouched, and close once payment recovers.")
            .WithSeed(42)
            .WithWarmUpDuration(4 * S)
            .WithMaxInFlight(500)
            .WithQuickScale(0.25)
            .WithLoadSimulations(Simulation.Inject(rate: 40, interval: S, during: 60 * S))
            .WithFaults(Fault.HttpError("payment-outage", target: "payment", start: 20 * S, duration: 24 * S, status: 503, delay: TimeSpan.FromMilliseconds(300)))
            .WithHypothesis(
                Check.That("payment breaker opens within 2 s of the outage", "breaker.payment.time_to_open_s", "<=", 2),
                Check.That("only half-open probes reach payment while its breaker is open", "breaker.payment.excess_requests_while_open", "<=", 0),
                Check.That("attempts per payment call stay bounded during the outage", "fault.dependency.payment.attempts_per_call", "<=", 0.5),
                Check.That("inventory (healthy path) keeps its error rate", "fault.dependency.inventory.error_rate", "<=", 0.01),
                Check.That("nine in ten workflows fail fast during the outage (p90 latency from the intended start, whole window)", "fault.latency_p90_ms", "<=", 100),
                Check.That("no workflow waits longer than one payment timeout (p99 latency from the intended start, whole window)", "fault.latency_p99_ms", "<=", 1000),
                Check.That("payment breaker closes within 5 s of recovery", "breaker.payment.time_to_close_s", "<=", 5));

    [Fact]
    public void BreakerStormTwin_BuildsTheModelOfItsScenarioFile()
    {
        var config = ConfigReader.Read(RepositoryPaths.Config);
        var fromFile = ScenarioReader.Read(Path.Combine(RepositoryPaths.Scenarios, "breaker-storm.json"), config);

        var (fromCode, _) = BreakerStormTwin().Build();

        Assert.Equal(Canonical(fromFile), Canonical(fromCode with { SourceFile = fromFile.SourceFile }));
    }

    [Fact]
    public void Twin_DiffersFromItsFile_WhenItsLoadDoes()
    {
        var config = ConfigReader.Read(RepositoryPaths.Config);
        var fromFile = ScenarioReader.Read(Path.Combine(RepositoryPaths.Scenarios, "breaker-storm.json"), config);

        var (fromCode, _) = BreakerStormTwin().WithLoadSimulations(Simulation.Pause(S)).Build();

        Assert.NotEqual(Canonical(fromFile), Canonical(fromCode with { SourceFile = fromFile.SourceFile }));
    }

    [Fact]
    public void Twin_DiffersFromItsFile_WhenItHasOneMoreCheck()
    {
        var config = ConfigReader.Read(RepositoryPaths.Config);
        var fromFile = ScenarioReader.Read(Path.Combine(RepositoryPaths.Scenarios, "breaker-storm.json"), config);

        var (fromCode, _) = BreakerStormTwin()
            .WithHypothesis(Check.That("one more", "fault.latency_p50_ms", "<=", 50))
            .Build();

        Assert.NotEqual(Canonical(fromFile), Canonical(fromCode with { SourceFile = fromFile.SourceFile }));
    }

    [Fact]
    public void InvalidScenarioInCode_IsRefusedWithEveryFieldNamed()
    {
        var scenario = ResilienceScenario.Create("bad", (_, _) => ValueTask.FromResult(Response.Ok()))
            .WithDependencies("payment")
            .WithLoadSimulations(Simulation.Inject(rate: -5, interval: S, during: 10 * S))
            .WithFaults(Fault.HttpDelay("slow", target: "nowhere", start: S, duration: S, delay: S))
            .WithHypothesis(Check.That("bounded", "fault.latency_p90_ms", "<=", 100));

        var error = Assert.Throws<InvalidInputException>(() => scenario.Build());

        Assert.Contains("load[0].rate", error.Message, StringComparison.Ordinal);
        Assert.Contains("faults[0].target", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepScenario_WithoutChecks_IsRefused()
    {
        var scenario = ResilienceScenario.Create("no-checks", (_, _) => ValueTask.FromResult(Response.Ok()))
            .WithDependencies("payment")
            .WithLoadSimulations(Simulation.Inject(rate: 5, interval: S, during: 10 * S));

        var error = Assert.Throws<InvalidInputException>(() => scenario.Build());

        Assert.Contains("hypothesis", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The model as JSON, load simulations by their own type (each kind is a different record).</summary>
    private static string Canonical(Scenario scenario) =>
        JsonSerializer.Serialize(new { scenario, Load = scenario.Load.Cast<object>().ToArray() }, new JsonSerializerOptions { IncludeFields = true, WriteIndented = true });
}
