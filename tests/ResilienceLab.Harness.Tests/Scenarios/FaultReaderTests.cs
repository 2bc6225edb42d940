using ResilienceLab.Chaos.Faults;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Harness.Tests.Configuration;

namespace ResilienceLab.Harness.Tests.Scenarios;

public sealed class FaultReaderTests : IDisposable
{
    private static readonly LooseCouplingConfig Config = ConfigReader.Read(ConfigReaderTests.RepositoryConfig());
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_EveryKindWithItsParameters_BuildsTheFaults()
    {
        var scenario = Read(
            """{ "kind": "http_error", "target": "payment", "start": "1s", "duration": "5s", "status": 429, "retry_after": "2s" }""",
            """{ "kind": "http_delay", "target": "payment", "start": "1s", "duration": "5s", "delay": "300ms" }""",
            """{ "kind": "http_delay_uniform", "target": "payment", "start": "1s", "duration": "5s", "delay_min": "100ms", "delay_max": "400ms" }""",
            """{ "kind": "http_delay_lognormal", "target": "payment", "start": "1s", "duration": "5s", "median": "120ms", "sigma": 0.8, "delay_max": "3s" }""",
            """{ "kind": "http_blackhole", "target": "inventory", "start": "1s", "duration": "5s", "rate": 0.1 }""",
            """{ "kind": "http_empty_response", "target": "inventory", "start": "1s", "duration": "5s" }""",
            """{ "kind": "http_malformed_chunk", "target": "inventory", "start": "1s", "duration": "5s" }""",
            """{ "kind": "http_connection_reset", "target": "inventory", "start": "1s", "duration": "5s", "rate": 0.2 }""",
            """{ "kind": "http_flapping", "target": "payment", "start": "1s", "duration": "20s", "period": "4s", "status": 502 }""",
            """{ "kind": "http_first_n", "target": "payment", "start": "1s", "duration": "5s", "first_n": 10 }""",
            """{ "kind": "api_internal_error", "target": "shipping-requests", "start": "1s", "duration": "5s", "operations": ["SendMessage", "ReceiveMessage"] }""",
            """{ "kind": "api_throttle", "target": "event-bus", "start": "1s", "duration": "5s", "rate": 0.5 }""",
            """{ "kind": "api_unavailable", "target": "breaker-table", "start": "1s", "duration": "5s", "operations": ["GetItem"] }""",
            """{ "kind": "api_latency", "target": "order-notifications", "start": "1s", "duration": "5s", "delay": "2s" }""",
            """{ "kind": "consumer_crash", "target": "shipping-requests", "start": "1s", "duration": "5s", "mode": "crash_before_delete" }""",
            """{ "kind": "poison_message", "target": "shipping-requests", "start": "1s", "duration": "5s", "rate": 0.05 }""");

        var faults = scenario.Faults;
        Assert.Equal(Enum.GetValues<FaultKind>(), faults.Select(f => f.Kind));
        Assert.Equal(TimeSpan.FromSeconds(2), faults[0].RetryAfter);
        Assert.Equal((TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400)), (faults[2].DelayMin, faults[2].DelayMax!.Value));
        Assert.Equal((TimeSpan.FromMilliseconds(120), 0.8), (faults[3].Median, faults[3].Sigma));
        Assert.Equal(TimeSpan.FromSeconds(4), faults[8].Period);
        Assert.Equal(10, faults[9].FirstN);
        Assert.Equal(["SendMessage", "ReceiveMessage"], faults[10].Operations);
        Assert.Equal(FaultCategory.Api, faults[11].Category);
        Assert.Equal(ConsumerCrashMode.CrashBeforeDelete, faults[14].CrashMode);
    }

    [Fact]
    public void Read_BadParameters_ReportsEveryProblemWithItsFieldPath()
    {
        var error = Assert.Throws<InvalidInputException>(() => Read(
            """{ "kind": "http_delay_lognormal", "target": "payment", "start": "1s", "duration": "5s", "median": "100ms", "sigma": 0 }""",
            """{ "kind": "http_delay_uniform", "target": "payment", "start": "1s", "duration": "5s", "delay_min": "300ms", "delay_max": "100ms" }""",
            """{ "kind": "http_error", "target": "payment", "start": "1s", "duration": "5s", "sigma": 1, "status": 404 }""",
            """{ "kind": "api_throttle", "target": "payment", "start": "1s", "duration": "5s" }""",
            """{ "kind": "api_internal_error", "target": "event-bus", "start": "1s", "duration": "5s", "operations": ["SendMessage"] }""",
            """{ "kind": "http_first_n", "target": "payment", "start": "1s", "duration": "5s" }""",
            """{ "kind": "http_flapping", "target": "payment", "start": "1s", "duration": "5s", "period": "10s" }""",
            """{ "kind": "consumer_crash", "target": "order-notifications", "start": "1s", "duration": "5s", "mode": "explode" }""",
            """{ "kind": "api_latency", "target": "breaker-table", "start": "1s", "duration": "5s" }""",
            """{ "kind": "http_delay", "target": "payment", "start": "1s", "duration": "5s", "delay": "1s", "rate": 1.5, "dealy": 2 }"""));

        var problems = error.Problems.Select(p => $"{p.Path}: {p.Message}").ToList();
        Assert.Contains("faults[0].sigma: must be > 0 and at most 5", problems);
        Assert.Contains(problems, p => p.StartsWith("faults[1].delay_max: must be >= delay_min", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("faults[2].sigma: is not a parameter of http_error", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("faults[2].status: 404 is not a dependency failure", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("faults[3].target: 'payment' is not a resource", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("faults[4].operations[0]: 'SendMessage' is not an operation of 'event-bus'", StringComparison.Ordinal));
        Assert.Contains("faults[5].first_n: is required", problems);
        Assert.Contains(problems, p => p.StartsWith("faults[6].period: is longer than the fault", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("faults[7].target: 'order-notifications' is not a queue", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("faults[7].mode: 'explode' is not one of", StringComparison.Ordinal));
        Assert.Contains("faults[8].delay: is required", problems);
        Assert.Contains(problems, p => p.StartsWith("faults[9].rate:", StringComparison.Ordinal));
        Assert.Contains("faults[9].dealy: unknown field (did you mean 'delay'?)", problems);
    }

    [Fact]
    public void Read_ProcessFaultOnADeadLetterQueue_IsRefusedAsNoConsumerOrProducerIsThere()
    {
        var error = Assert.Throws<InvalidInputException>(() => Read(
            """{ "kind": "consumer_crash", "target": "shipping-requests-dlq", "start": "1s", "duration": "5s" }""",
            """{ "kind": "poison_message", "target": "workflow-events-dlq", "start": "1s", "duration": "5s" }""",
            """{ "kind": "api_throttle", "target": "workflow-events-dlq", "start": "1s", "duration": "5s" }"""));

        var problems = error.Problems.Select(p => $"{p.Path}: {p.Message}").ToList();
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("faults[0].target: 'shipping-requests-dlq' is not a queue in the config (shipping-requests, workflow-events)", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("faults[1].target: 'workflow-events-dlq' is not a request queue or topic in the config (shipping-requests, order-notifications)", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Quick_FlappingFault_ScalesItsPeriodWithItsWindow()
    {
        var scenario = Read("""{ "kind": "http_flapping", "target": "payment", "start": "4s", "duration": "20s", "period": "4s" }""");

        var quick = ScenarioReader.Quick(scenario);

        Assert.Equal(TimeSpan.FromSeconds(1), quick.Faults[0].Period);
        Assert.Equal(TimeSpan.FromSeconds(5), quick.Faults[0].Duration);
    }

    private Scenario Read(params string[] faults)
    {
        var path = _files.Write("scenario.json", $$"""
            {
              "workflow": "place-order",
              "load": [ { "kind": "inject", "rate": 10, "during": "60s" } ],
              "hypothesis": [ { "name": "ok", "metric": "run.error_rate", "op": "<=", "threshold": 0.01 } ],
              "faults": [ {{string.Join(",\n", faults)}} ]
            }
            """);
        return ScenarioReader.Read(path, Config);
    }
}
