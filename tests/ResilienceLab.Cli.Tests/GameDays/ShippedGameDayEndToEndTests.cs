using System.Net;
using System.Text.Json;
using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests.GameDays;

/// <summary>
/// The shipped scenarios/gameday.json, out of the box, as the README's two-terminal walk-through runs it: an HTTP, an API
/// and a process fault from its catalogue started and stopped through the control endpoint, a note, the end; spans to an
/// OTLP receiver on the way.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ShippedGameDayEndToEndTests : IDisposable
{
    private static readonly string[] Drill = ["payment-http-error", "shipping-requests-api-throttle", "shipping-requests-poison-message"];
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-shipped-gameday-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task GameDay_ShippedScenario_OperatorDrivesCatalogueFaultsThroughTheControlEndpoint()
    {
        await using var receiver = new OtlpReceiver();
        using var game = await RunningGameDay.StartAsync(
            expectMetrics: false,
            "gameday", "--scenario", "gameday", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out, "--duration", "90s", "--otlp-endpoint", receiver.Url.AbsoluteUri);

        using (var listed = await game.SendAsync(HttpMethod.Get, "faults"))
        {
            using var catalogue = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
            using var scenario = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Scenarios, "gameday.json")));
            var names = catalogue.RootElement.GetProperty("faults").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
            Assert.Equal(scenario.RootElement.GetProperty("catalogue").GetArrayLength(), names.Count);
            Assert.All(Drill, name => Assert.Contains(name, names));
        }

        var ctl = await CliRun.InvokeAsync("gameday-ctl", "--url", game.ControlUrl.AbsoluteUri, "--token", game.Token, "start", Drill[0]);
        Assert.True(ctl.ExitCode == ExitCodes.Contained, ctl.Output + ctl.Error);
        await RunningGameDay.EventuallyAsync(async () => (await game.StatusAsync()).GetProperty("dependencies").GetProperty("payment").GetProperty("errors").GetInt64() > 0, "payment errors");
        await StopAsync(game, Drill[0]);
        foreach (var name in Drill[1..])
        {
            using (var start = await game.SendAsync(HttpMethod.Post, $"faults/{name}/start"))
            {
                Assert.Equal(HttpStatusCode.OK, start.StatusCode);
            }

            await RunningGameDay.EventuallyAsync(async () => await RequestsAffectedAsync(game, name) > 0, $"{name} hitting something");
            await StopAsync(game, name);
        }

        // Past the warm-up (5 s) with seconds to judge, so the hypothesis has data.
        await RunningGameDay.EventuallyAsync(async () => (await game.StatusAsync()).GetProperty("elapsed_s").GetDouble() >= 10, "ten seconds of game day");
        using (var note = await game.SendAsync(HttpMethod.Post, "notes", body: """{"text": "drill done: payment, queue throttle, poison"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        }

        using (var end = await game.SendAsync(HttpMethod.Post, "stop"))
        {
            Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        }

        var code = await game.Run.WaitAsync(RunningGameDay.Patience);

        Assert.True(code is ExitCodes.Contained or ExitCodes.Inconclusive, game.Output.ToString() + game.Error);
        var folder = Path.Combine(_out, "gameday");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "report.json")));
        var root = report.RootElement;
        Assert.Contains(root.GetProperty("verdict").GetString(), new[] { "contained", "inconclusive" });
        Assert.All(root.GetProperty("hypothesis").EnumerateArray(), h => Assert.Equal("passed", h.GetProperty("outcome").GetString()));
        var faults = root.GetProperty("faults").EnumerateArray().ToList();
        Assert.Equal(Drill, faults.Select(f => f.GetProperty("name").GetString()));
        Assert.All(faults, f => Assert.Equal("operator", f.GetProperty("source").GetString()));
        var journal = (await File.ReadAllLinesAsync(Path.Combine(folder, "journal.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(Drill, name => Assert.Contains(journal, e => e.GetProperty("type").GetString() == "fault_off" && e.GetProperty("fault").GetString() == name && e.GetProperty("reason").GetString() == "stopped by the operator"));
        Assert.Contains(journal, e => e.GetProperty("type").GetString() == "operator_note");
        Assert.DoesNotContain(journal, e => e.GetProperty("type").GetString() == "stop_condition_tripped");

        // The operator's fault as the team's tracing backend sees it: an event on the attempts it hit.
        var hits = receiver.Spans.SelectMany(s => s.Events.Where(e => e.Name == StackActivities.FaultInjectedEvent).Select(e => (Span: s.Name, Fault: e.Attributes["resiliencelab.fault.name"]))).ToList();
        Assert.Contains(("attempt payment", "payment-http-error"), hits);
        Assert.Contains(receiver.TraceResources, r => r.GetValueOrDefault("resiliencelab.command") == "gameday");
    }

    private static async Task StopAsync(RunningGameDay game, string name)
    {
        using var stop = await game.SendAsync(HttpMethod.Post, $"faults/{name}/stop");
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
    }

    private static async Task<long> RequestsAffectedAsync(RunningGameDay game, string name)
    {
        using var response = await game.SendAsync(HttpMethod.Get, "faults");
        using var faults = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return faults.RootElement.GetProperty("faults").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name).GetProperty("requests_affected").GetInt64();
    }
}
