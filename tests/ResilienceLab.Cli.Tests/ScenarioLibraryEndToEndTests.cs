using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResilienceLab.Cli.Tests;

/// <summary>
/// Every scenario of the library, with --quick: contained on the default config, and not contained (exit 1) when the
/// mechanism it stresses is weakened through the config alone. A gate that cannot fail proves nothing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScenarioLibraryEndToEndTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-library-").FullName;

    public static TheoryData<string> Scenarios() =>
    [
        "retry-storm", "slow-dependency", "flapping-dependency", "queue-outage", "poison-message",
        "event-bus-outage", "breaker-table-outage", "load-spike",
    ];

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Run_DefaultConfig_IsContained(string scenario)
    {
        var run = await RunAsync(scenario, RepositoryPaths.Config);

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
        Assert.Equal("contained", Verdict(scenario));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Run_MechanismWeakenedInConfig_IsNotContainedAndExitsOne(string scenario)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        Weaken(scenario, config);
        var weakened = Path.Combine(_out, $"weak-{scenario}.json");
        await File.WriteAllTextAsync(weakened, config.ToJsonString());

        var run = await RunAsync(scenario, weakened);

        Assert.True(run.ExitCode == ExitCodes.NotContained, run.Output + run.Error);
        Assert.Equal("not_contained", Verdict(scenario));
    }

    /// <summary>What each scenario's hypothesis must catch when it is taken away.</summary>
    private static void Weaken(string scenario, JsonNode config)
    {
        JsonNode Service(string name) => config["services"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == name)!;
        switch (scenario)
        {
            case "retry-storm": // retries without backoff, jitter or budget, and no breaker to stop them
                Service("payment")["retry_config"] = new JsonObject { ["max_retries"] = 5, ["backoff_factor"] = 1, ["base_delay_ms"] = 0, ["jitter"] = "none" };
                Service("payment")["circuit_breaker"]!["failure_threshold"] = 1_000_000;
                break;
            case "slow-dependency": // no timeout and no bulkhead on the slow optional service
                Service("notification")["timeout_ms"] = 0;
                Service("notification").AsObject().Remove("bulkhead");
                break;
            case "flapping-dependency": // a twitchy breaker: opens on one failure, probes after 50 ms
                Service("payment")["circuit_breaker"] = new JsonObject { ["failure_threshold"] = 1, ["timeout_seconds"] = 0.05, ["half_open_max_calls"] = 1 };
                break;
            case "queue-outage": // no producer outbox: sends fail with the queue
                Service("shipping")["outbox_capacity"] = 0;
                break;
            case "poison-message": // no DLQ redrive: poison requests circle forever
                config["message_queues"]!.AsArray().Single(q => q!["name"]!.GetValue<string>() == "shipping-requests")!["dead_letter_queue"] = false;
                break;
            case "event-bus-outage": // no event outbox: publishing fails with the bus, as the document's service does
                config["event_service"]!["outbox_capacity"] = 0;
                break;
            case "breaker-table-outage": // no local fallback: calls fail when the table cannot answer
                config["breaker_table"]!["on_table_error"] = "reject";
                break;
            case "load-spike": // shipping called synchronously: no queue to absorb the spike
                Service("shipping").AsObject().Remove("request_queue");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "no weakening defined");
        }
    }

    private Task<CliRun> RunAsync(string scenario, string config) =>
        CliRun.InvokeAsync("--scenario", scenario, "--quick", "--config", config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out);

    private string Verdict(string scenario)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, scenario, "report.json")));
        return report.RootElement.GetProperty("verdict").GetString()!;
    }
}
