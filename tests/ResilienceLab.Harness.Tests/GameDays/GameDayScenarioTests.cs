using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.GameDays;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Tests.Configuration;
using ResilienceLab.Reporting.Hypotheses;

namespace ResilienceLab.Harness.Tests.GameDays;

/// <summary>The game-day parts of scenario files (catalogue, stop_conditions) and of the config (service endpoints), validated up front.</summary>
public sealed class GameDayScenarioTests : IDisposable
{
    private static readonly LooseCouplingConfig Config = ConfigReader.Read(ConfigReaderTests.RepositoryConfig());
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_CatalogueAndStopConditions_BuildsThem()
    {
        var scenario = Read(
            """[ { "name": "payment-errors", "kind": "http_error", "target": "payment", "status": 502 }, { "name": "slow-queue", "kind": "api_latency", "target": "shipping-requests", "delay": "1s", "duration": "30s" } ]""",
            """[ { "name": "healthy path errors", "metric": "dependency.inventory.error_rate", "op": ">", "threshold": 0.05, "for": "5s" }, { "metric": "latency_p99_ms", "op": ">", "threshold": 2000, "for": "3s" } ]""");

        Assert.Equal(["payment-errors", "slow-queue"], scenario.Catalogue.Select(f => f.Name));
        Assert.Equal((FaultKind.HttpError, 502, TimeSpan.Zero), (scenario.Catalogue[0].Kind, scenario.Catalogue[0].Status, scenario.Catalogue[0].Duration));
        Assert.Equal(TimeSpan.FromSeconds(30), scenario.Catalogue[1].Duration);
        Assert.Equal(new StopCondition("healthy path errors", "dependency.inventory.error_rate", ComparisonOperator.GreaterThan, 0.05, TimeSpan.FromSeconds(5)), scenario.StopConditions[0]);
        Assert.Equal("latency_p99_ms", scenario.StopConditions[1].Name);
    }

    [Fact]
    public void Read_BadCatalogueAndStopConditions_ReportsEveryProblemWithItsFieldPath()
    {
        var error = Assert.Throws<InvalidInputException>(() => Read(
            """[ { "name": "outage", "kind": "http_error", "target": "payments", "start": "3s" }, { "name": "outage", "kind": "http_delay", "target": "payment" } ]""",
            """[ { "metric": "dependency.billing.error_rate", "op": ">", "threshold": 0.1 }, { "metric": "p99", "op": "~", "for": "soon" } ]"""));

        var problems = error.Problems.Select(p => $"{p.Path}: {p.Message}").ToList();
        Assert.Contains(problems, p => p.StartsWith("catalogue[0].start: a catalogue fault has no start", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("catalogue[0].target: 'payments' is not a service", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("catalogue[1].delay: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("catalogue[1].name: 'outage' names another fault", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("stop_conditions[0].metric: 'dependency.billing.error_rate': 'billing' is not a service", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("stop_conditions[1].metric: 'p99': not a live metric", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("stop_conditions[1].op: '~' is not one of", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("stop_conditions[1].threshold: ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("stop_conditions[1].for: expected a duration", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RealEndpoints_RefusesRemoteOnesAndHttpFaultsOnThem()
    {
        var scenario = Read(
            """[ { "name": "payment-errors", "kind": "http_error", "target": "payment" }, { "name": "queue-throttle", "kind": "api_throttle", "target": "shipping-requests" } ]""",
            "[]");
        var config = Config with
        {
            ServiceEndpoints = new Dictionary<string, Uri>(StringComparer.Ordinal)
            {
                ["payment"] = new("https://payments.example.com/"),
                ["inventory"] = new("http://127.0.0.1:8081/"),
            },
        };
        var request = new GameDayRequest { Scenario = scenario, Config = config, OutDirectory = _files.Root };

        var error = Assert.Throws<InvalidInputException>(() => GameDayValidator.Validate(request));
        var problems = error.Problems.Select(p => $"{p.Path}: {p.Message}").ToList();

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("services[1].endpoint: https://payments.example.com/ is not on this machine", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("catalogue[0].target: 'payment' is a real endpoint", problems[1], StringComparison.Ordinal);
        Assert.Throws<InvalidInputException>(() => GameDayValidator.Validate(request with { AllowRemote = true }));
        GameDayValidator.Validate(request with { AllowRemote = true, Scenario = scenario with { Catalogue = [scenario.Catalogue[1]] } });
    }

    [Fact]
    public void Validate_DurationNotLongerThanWarmUp_RefusedNamingDuration()
    {
        var scenario = ScenarioReader.Read(Path.Combine(Path.GetDirectoryName(ConfigReaderTests.RepositoryConfig())!, "scenarios", "breaker-storm.json"), Config);
        var request = new GameDayRequest { Scenario = scenario, Config = Config, OutDirectory = _files.Root, Duration = scenario.WarmUp };

        var error = Assert.Throws<InvalidInputException>(() => GameDayValidator.Validate(request));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("--duration", problem.File);
        Assert.Contains("warm_up", problem.Message, StringComparison.Ordinal);
        GameDayValidator.Validate(request with { Duration = scenario.WarmUp + TimeSpan.FromSeconds(1) });
    }

    [Fact]
    public void ConfigRead_ServiceEndpoint_IsKeptAndABadOneReported()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ConfigReaderTests.RepositoryConfig()))!;
        json["services"]![0]!["endpoint"] = "http://127.0.0.1:8081";
        var config = ConfigReader.Read(_files.Write("config.json", json.ToJsonString()));
        json["services"]![1]!["endpoint"] = "ftp://payments";

        var error = Assert.Throws<InvalidInputException>(() => ConfigReader.Read(_files.Write("bad.json", json.ToJsonString())));

        Assert.Equal(new Uri("http://127.0.0.1:8081"), config.ServiceEndpoints["inventory"]);
        Assert.Contains(error.Problems, p => p.Path == "services[1].endpoint");
    }

    private Scenario Read(string catalogue, string stopConditions) =>
        ScenarioReader.Read(
            _files.Write("gameday.json", $$"""
                {
                  "workflow": "place-order",
                  "load": [ { "kind": "inject", "rate": 20, "interval": "1s", "during": "30s" } ],
                  "hypothesis": [ { "name": "ok", "metric": "run.error_rate", "op": "<=", "threshold": 0.01 } ],
                  "catalogue": {{catalogue}},
                  "stop_conditions": {{stopConditions}}
                }
                """),
            Config);
}
