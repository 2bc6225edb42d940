using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests.GameDays;

/// <summary>A real Prometheus scrapes a running game day's /metrics every second, and the values come back through its query API.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class GameDayPrometheusTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-prometheus-gameday-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [PrometheusFact]
    public async Task GameDay_ScrapedByPrometheus_ValuesReadBackThroughItsQueryApi()
    {
        using var game = await RunningGameDay.StartAsync(
            expectMetrics: true,
            "gameday", "--scenario", "gameday", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out, "--duration", "90s", "--metrics-port", "0");
        await using var prometheus = await PrometheusServer.StartAsync(game.MetricsUrl!, "resilience-lab");
        using (var start = await game.SendAsync(HttpMethod.Post, "faults/payment-http-error/start"))
        {
            Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        }

        await RunningGameDay.EventuallyAsync(async () => await prometheus.QueryAsync("resilience_lab_workflows_total{job=\"resilience-lab\",outcome=\"ok\"}") > 0, "a scraped workflow count");
        await RunningGameDay.EventuallyAsync(async () => (await prometheus.QueryAsync("resilience_lab_fault_active{fault=\"payment-http-error\",target=\"payment\",source=\"operator\"}")) == 1, "the operator fault, scraped");
        await RunningGameDay.EventuallyAsync(async () => await prometheus.QueryAsync("resilience_lab_dependency_errors_total{service=\"payment\"}") > 0, "payment errors, scraped");
        Assert.Equal(1, await prometheus.QueryAsync("up{job=\"resilience-lab\"}"));

        // What Prometheus scraped is what promtool accepts, with a fault, breakers and queues in it.
        using var http = new HttpClient();
        var live = await http.GetStringAsync(game.MetricsUrl);
        var (code, problems) = await PrometheusServer.CheckMetricsAsync(live);
        Assert.True(code == 0, problems + live);
        Assert.Contains("resilience_lab_queue_depth{queue=\"shipping-requests\"", live, StringComparison.Ordinal);

        using (var end = await game.SendAsync(HttpMethod.Post, "stop"))
        {
            Assert.True(end.IsSuccessStatusCode, await end.Content.ReadAsStringAsync());
        }

        await game.Run.WaitAsync(RunningGameDay.Patience);
    }
}
