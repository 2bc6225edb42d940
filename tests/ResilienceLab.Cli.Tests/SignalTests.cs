using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ResilienceLab.Cli.Tests.GameDays;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests;

/// <summary>SIGTERM is Ctrl-C for every command, and a killed game day keeps its journal; each in a real child process.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SignalTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-signal-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Compare_Sigterm_StopsAndExitsThreeNamingTheSignal()
    {
        var json = ReportJson.Serialize(TestReports.Create());
        foreach (var side in new[] { "base", "cand" })
        {
            for (var i = 0; i < 3000; i++)
            {
                var folder = Directory.CreateDirectory(Path.Combine(_root, side, $"s{i:D4}")).FullName;
                await File.WriteAllTextAsync(Path.Combine(folder, "report.json"), json.Replace("\"breaker-storm\"", $"\"s{i:D4}\"", StringComparison.Ordinal));
            }
        }

        using var compare = ChildProcess.Start("compare", Path.Combine(_root, "base"), Path.Combine(_root, "cand"), "--out", Path.Combine(_root, "cmp"));
        await Task.Delay(TimeSpan.FromSeconds(2));
        compare.Signal("TERM");

        var code = await compare.ExitCodeAsync(TimeSpan.FromSeconds(10));

        Assert.True(code == ExitCodes.Aborted, $"exit {code}: {compare.Output}{compare.Error}");
        Assert.Contains("SIGTERM", compare.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", compare.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Sigterm_RollsBackWritesAPartialReportAndNamesTheSignal()
    {
        var output = Path.Combine(_root, "reports");
        using var run = ChildProcess.Start("run", "--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", output);
        await run.WaitForOutputAsync("breaker-storm", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(6));
        run.Signal("TERM");

        var code = await run.ExitCodeAsync(TimeSpan.FromSeconds(60));

        Assert.True(code == ExitCodes.Aborted, $"exit {code}: {run.Output}{run.Error}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "breaker-storm", "report.json")));
        Assert.Equal("aborted", report.RootElement.GetProperty("verdict").GetString());
        Assert.Contains("SIGTERM", report.RootElement.GetProperty("abort_reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Ctrl-C", report.RootElement.GetProperty("abort_reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SecondInterrupt_ExitsThreeAtOnce()
    {
        using var run = ChildProcess.Start("run", "--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", Path.Combine(_root, "reports"));
        await run.WaitForOutputAsync("breaker-storm", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(4));
        run.Signal("INT");
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        run.Signal("INT");

        var code = await run.ExitCodeAsync(TimeSpan.FromSeconds(10));

        Assert.True(code == ExitCodes.Aborted, $"exit {code}: {run.Output}{run.Error}");
        Assert.Contains("again: exiting now", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GameDay_KilledOutright_LeavesItsJournalUpToThatMomentOnDisk()
    {
        var scenarios = Directory.CreateDirectory(Path.Combine(_root, "scenarios")).FullName;
        await File.WriteAllTextAsync(Path.Combine(scenarios, "gameday-drill.json"), GameDayEndToEndTests.Scenario);
        var output = Path.Combine(_root, "gamedays");
        using var gameDay = ChildProcess.Start("gameday", "--scenario", "gameday-drill", "--config", RepositoryPaths.Config, "--scenarios", scenarios, "--out", output, "--duration", "2m");
        await gameDay.WaitForOutputAsync("journal: ", TimeSpan.FromSeconds(60));
        var control = gameDay.Output.Split('\n').First(l => l.StartsWith("control: ", StringComparison.Ordinal)).Split(' ');
        var journalFile = gameDay.Output.Split('\n').First(l => l.StartsWith("journal: ", StringComparison.Ordinal)).Split(' ')[1];
        using var http = new HttpClient { BaseAddress = new Uri(control[1]), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", control[3].Trim());

        (await http.PostAsync(new Uri("faults/payment-errors/start", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await EventuallyAsync(() => File.ReadAllText(journalFile).Contains("\"breaker_transition\"", StringComparison.Ordinal));
        foreach (var note in new[] { "first note", "second note" })
        {
            using var body = new StringContent(JsonSerializer.Serialize(new { text = note }), Encoding.UTF8, "application/json");
            (await http.PostAsync(new Uri("notes", UriKind.Relative), body)).EnsureSuccessStatusCode();
        }

        gameDay.Signal("KILL");
        await gameDay.ExitCodeAsync(TimeSpan.FromSeconds(10));

        var types = File.ReadAllLines(journalFile).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("type").GetString()).ToList();
        Assert.Equal("run_started", types[0]);
        Assert.Contains("fault_on", types);
        Assert.Contains("breaker_transition", types);
        Assert.Equal(2, types.Count(t => t == "operator_note"));
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition());
    }
}
