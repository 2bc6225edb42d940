using System.Net;
using System.Text.Json;

namespace ResilienceLab.Cli.Tests.GameDays;

/// <summary>A short game day driven through its control endpoint and gameday-ctl, as a facilitator in a second terminal would.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class GameDayEndToEndTests : IDisposable
{
    internal const string Scenario = """
        {
          "name": "gameday-drill",
          "description": "Operator-driven faults on payment and inventory under a small steady load.",
          "workflow": "place-order",
          "max_in_flight": 200,
          "load": [ { "kind": "inject", "rate": 20, "interval": "1s", "during": "60s" } ],
          "hypothesis": [ { "name": "no message is lost", "metric": "messages.lost", "op": "<=", "threshold": 0 } ],
          "catalogue": [
            { "name": "payment-errors", "kind": "http_error", "target": "payment", "status": 503 },
            { "name": "inventory-outage", "kind": "http_error", "target": "inventory", "status": 503 }
          ],
          "stop_conditions": [
            { "name": "healthy path errors", "metric": "dependency.inventory.error_rate", "op": ">", "threshold": 0.5, "for": "2s" }
          ]
        }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-gameday-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task GameDay_OperatorFaultsThenStopConditionTrips_RollsEverythingBackJournalsItAndExitsThree()
    {
        var scenarios = Directory.CreateDirectory(Path.Combine(_root, "scenarios")).FullName;
        await File.WriteAllTextAsync(Path.Combine(scenarios, "gameday-drill.json"), Scenario);
        var reports = Path.Combine(_root, "reports");
        using var game = await RunningGameDay.StartAsync(
            expectMetrics: true,
            "gameday", "--scenario", "gameday-drill", "--config", RepositoryPaths.Config, "--scenarios", scenarios, "--out", reports, "--duration", "2m", "--metrics-port", "0");
        var (http, url, token, metricsUrl, run, output, error) = (game.Http, game.ControlUrl, game.Token, game.MetricsUrl!, game.Run, game.Output, game.Error);

        // Without the token nothing happens.
        using (var noToken = await http.GetAsync(new Uri("status", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        }

        using (var wrong = await game.SendAsync(HttpMethod.Post, "faults/payment-errors/start", "not-the-token"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var refused = await CliRun.InvokeAsync("gameday-ctl", "--url", url.AbsoluteUri, "--token", "not-the-token", "status");
        Assert.Equal(ExitCodes.InvalidInput, refused.ExitCode);
        Assert.Contains("401", refused.Error, StringComparison.Ordinal);

        var listed = await CliRun.InvokeAsync("gameday-ctl", "--url", url.AbsoluteUri, "--token", token, "faults");
        Assert.True(listed.ExitCode == ExitCodes.Contained, listed.Output + listed.Error);
        Assert.Contains("payment-errors", listed.Output, StringComparison.Ordinal);
        Assert.Contains("inventory-outage", listed.Output, StringComparison.Ordinal);

        using (var unknown = await game.SendAsync(HttpMethod.Post, "faults/no-such-fault/start"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // An operator fault on payment: its errors show up while it is on.
        using (var start = await game.SendAsync(HttpMethod.Post, "faults/payment-errors/start"))
        {
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        }

        await RunningGameDay.EventuallyAsync(async () => (await game.StatusAsync()).GetProperty("dependencies").GetProperty("payment").GetProperty("errors").GetInt64() > 0);
        var status = await game.StatusAsync();
        Assert.Contains(status.GetProperty("active_faults").EnumerateArray(), f => f.GetString()!.StartsWith("payment-errors", StringComparison.Ordinal));

        var metrics = await http.GetStringAsync(metricsUrl);
        Assert.Contains("# TYPE resilience_lab_breaker_state gauge", metrics, StringComparison.Ordinal);
        Assert.Matches(@"resilience_lab_dependency_errors_total\{service=""payment""\} [1-9]", metrics);
        Assert.Contains("resilience_lab_fault_active{fault=\"payment-errors\",target=\"payment\",source=\"operator\"} 1", metrics, StringComparison.Ordinal);

        var noted = await CliRun.InvokeAsync("gameday-ctl", "--url", url.AbsoluteUri, "--token", token, "note", "payment", "errors", "seen;", "breaker", "holding");
        Assert.True(noted.ExitCode == ExitCodes.Contained, noted.Output + noted.Error);

        var stopped = await CliRun.InvokeAsync("gameday-ctl", "--url", url.AbsoluteUri, "--token", token, "stop", "payment-errors");
        Assert.True(stopped.ExitCode == ExitCodes.Contained, stopped.Output + stopped.Error);
        using (var again = await game.SendAsync(HttpMethod.Post, "faults/payment-errors/stop"))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        // An outage on the healthy path crosses the stop condition: everything is rolled back and the game day aborts.
        using (var outage = await game.SendAsync(HttpMethod.Post, "faults/inventory-outage/start"))
        {
            Assert.Equal(HttpStatusCode.OK, outage.StatusCode);
        }

        var code = await run.WaitAsync(RunningGameDay.Patience);

        Assert.True(code == ExitCodes.Aborted, output.ToString() + error);
        Assert.Contains("stopped: stop condition 'healthy path errors' tripped", output.ToString(), StringComparison.Ordinal);
        var folder = Path.Combine(reports, "gameday-drill");
        var journal = (await File.ReadAllLinesAsync(Path.Combine(folder, "journal.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(journal, e => Assert.True(e.TryGetProperty("at", out _) && e.TryGetProperty("t_s", out _) && e.TryGetProperty("type", out _)));
        var types = journal.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal("run_started", types[0]);
        Assert.Equal("run_ended", types[^1]);
        Assert.Contains("operator_note", types);
        Assert.Single(journal, e => Is(e, "fault_on", "payment-errors") && e.GetProperty("source").GetString() == "operator");
        Assert.Single(journal, e => Is(e, "fault_off", "payment-errors") && e.GetProperty("reason").GetString() == "stopped by the operator");
        Assert.Single(journal, e => Is(e, "fault_on", "inventory-outage"));
        var tripped = Assert.Single(journal, e => e.GetProperty("type").GetString() == "stop_condition_tripped");
        Assert.Equal("healthy path errors", tripped.GetProperty("name").GetString());
        var rolledBack = Assert.Single(journal, e => Is(e, "fault_off", "inventory-outage"));
        Assert.Contains("stop condition", rolledBack.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(types.IndexOf("stop_condition_tripped") < journal.IndexOf(rolledBack), "the trip is journalled before the rollback it causes");
        Assert.Contains(journal, e => e.GetProperty("type").GetString() == "breaker_transition" && e.GetProperty("service").GetString() == "payment");

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "report.json")));
        var root = report.RootElement;
        Assert.Equal("aborted", root.GetProperty("verdict").GetString());
        Assert.Contains("healthy path errors", root.GetProperty("abort_reason").GetString(), StringComparison.Ordinal);
        var faults = root.GetProperty("faults").EnumerateArray().ToList();
        Assert.Equal(["payment-errors", "inventory-outage"], faults.Select(f => f.GetProperty("name").GetString()));
        Assert.All(faults, f => Assert.Equal("operator", f.GetProperty("source").GetString()));
        Assert.All(faults, f => Assert.Equal(JsonValueKind.Number, f.GetProperty("actual_end_s").ValueKind));
        Assert.True(faults[0].GetProperty("requests_affected").GetInt64() > 0);
        Assert.Contains(root.GetProperty("timeline").EnumerateArray(), s => s.GetProperty("active_faults").EnumerateArray().Any(f => f.GetString() == "payment-errors"));
        Assert.True(root.GetProperty("dependencies").GetProperty("payment").GetProperty("errors").GetInt64() > 0);

        var html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        Assert.Contains("<h2>Journal</h2>", html, StringComparison.Ordinal);
        Assert.Contains("stop condition tripped", html, StringComparison.Ordinal);
        Assert.Contains("operator: payment-errors", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GameDay_HttpFaultOnARealEndpoint_IsRefusedBeforeAnythingStarts()
    {
        var scenarios = Directory.CreateDirectory(Path.Combine(_root, "scenarios")).FullName;
        await File.WriteAllTextAsync(Path.Combine(scenarios, "gameday-drill.json"), Scenario);
        var config = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        foreach (var service in config["services"]!.AsArray())
        {
            service!["endpoint"] = service["name"]!.GetValue<string>() == "payment" ? "https://payments.example.com/" : "http://127.0.0.1:9/";
        }

        var configPath = Path.Combine(_root, "real-endpoints.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());

        var run = await CliRun.InvokeAsync("gameday", "--scenario", "gameday-drill", "--config", configPath, "--scenarios", scenarios, "--out", Path.Combine(_root, "reports"));

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("services[1].endpoint: https://payments.example.com/ is not on this machine", run.Error, StringComparison.Ordinal);
        Assert.Contains("catalogue[0].target: 'payment' is a real endpoint", run.Error, StringComparison.Ordinal);
        Assert.Contains("catalogue[1].target: 'inventory' is a real endpoint", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "reports", "gameday-drill")));
    }

    [Fact]
    public async Task GameDay_TwoSegmentsMerged_EachStartsHalfTheArrivalsAndTheMergeAddsThem()
    {
        var scenarios = Directory.CreateDirectory(Path.Combine(_root, "scenarios")).FullName;
        await File.WriteAllTextAsync(Path.Combine(scenarios, "gameday-drill.json"), Scenario);
        foreach (var i in new[] { 1, 2 })
        {
            var agent = await CliRun.InvokeAsync("gameday", "--scenario", "gameday-drill", "--config", RepositoryPaths.Config, "--scenarios", scenarios, "--duration", "4s",
                "--segment", $"{i}/2", "--run-id", "gameday-two", "--out", Path.Combine(_root, $"agent-{i}"));
            Assert.True(agent.ExitCode == ExitCodes.Contained, agent.Output + agent.Error);
        }

        var merged = await CliRun.InvokeAsync("merge", Path.Combine(_root, "agent-1"), Path.Combine(_root, "agent-2"), "--out", Path.Combine(_root, "merged"));

        Assert.NotEqual(ExitCodes.InvalidInput, merged.ExitCode);
        var started = new[] { "agent-1", "agent-2", "merged" }.Select(f =>
        {
            using var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, f, "gameday-drill", "report.json")));
            return report.RootElement.GetProperty("summary").GetProperty("started").GetInt64();
        }).ToList();
        Assert.Equal(40, started[0]);
        Assert.Equal(40, started[1]);
        Assert.Equal(80, started[2]);
    }

    private static bool Is(JsonElement entry, string type, string fault) =>
        entry.GetProperty("type").GetString() == type && entry.GetProperty("fault").GetString() == fault;
}
