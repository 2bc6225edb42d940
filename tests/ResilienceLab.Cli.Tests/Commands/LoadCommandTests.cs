using ResilienceLab.Cli;

namespace ResilienceLab.Cli.Tests.Commands;

public class LoadCommandTests
{
    [Theory]
    [InlineData("--url", "http://127.0.0.1:9/", "--duration", "1s")]
    [InlineData("--url", "http://127.0.0.1:9/", "--rate", "10", "--vus", "2", "--duration", "1s")]
    [InlineData("--url", "http://example.com/", "--rate", "10", "--duration", "1s")]
    [InlineData("--url", "http://127.0.0.1:9/", "--rate", "10", "--duration", "ten")]
    [InlineData("--url", "not a url", "--rate", "10", "--duration", "1s")]
    [InlineData("--url", "http://127.0.0.1:9/", "--vus", "0", "--duration", "1s")]
    [InlineData("--url", "http://127.0.0.1:9/", "--vus", "100000000", "--duration", "1s")]
    [InlineData("--url", "http://127.0.0.1:9/", "--vus", "10", "--connections", "100000000", "--duration", "1s")]
    [InlineData("--url", "http://127.0.0.1:9/", "--rate", "1000000000", "--duration", "1s")]
    [InlineData("--url", "http://127.0.0.1:9/", "--rate", "10", "--duration", "1s", "--segment", "3/2")]
    [InlineData("--url", "http://127.0.0.1:9/", "--rate", "10", "--duration", "1s", "--start-at", "soon")]
    [InlineData("--url", "http://127.0.0.1:9/", "--rate", "10", "--duration", "1s", "--client", "curl")]
    [InlineData("--url", "https://127.0.0.1:9/", "--rate", "10", "--duration", "1s", "--client", "http1")]
    public async Task RunAsync_BadLoadInput_PrintsOneErrorLineAndExits2(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliApplication.RunAsync(["load", .. arguments], CliConsole.ForWriters(output, error));

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
    }

    [Fact]
    public async Task RunAsync_RemoteUrlWithoutAllowRemote_NamesTheFlag()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        await CliApplication.RunAsync(["load", "--url", "http://10.1.2.3/", "--rate", "5", "--duration", "1s"], CliConsole.ForWriters(output, error));

        Assert.Contains("--allow-remote", error.ToString());
    }

    [Theory]
    [InlineData("p99")]
    [InlineData("latency<5ms")]
    [InlineData("p99<5parsecs")]
    public async Task RunAsync_MalformedThreshold_ExitsTwoWithOneLine(string threshold)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliApplication.RunAsync(["load", "--url", "http://127.0.0.1:9/", "--rate", "1", "--duration", "1s", "--threshold", threshold], CliConsole.ForWriters(output, error));

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.StartsWith("error: --threshold: ", Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ServerThatNeverAnswers_ShowsTimeoutsWithTheirLatencyAndExitsOne()
    {
        // Accepts connections (the kernel completes the handshake) and never reads or answers.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(100);
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliApplication.RunAsync(["load", "--url", $"http://127.0.0.1:{port}/", "--rate", "5", "--duration", "1s", "--timeout", "500ms"], CliConsole.ForWriters(output, error));

        Assert.Equal(ExitCodes.NotContained, exitCode);
        Assert.Contains("failed: timeout", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("cancelled", output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"latency p99\D+([5-9]\d\d|\d{4,})\.\d+ ms", output.ToString()); // at least the 500 ms timeout
        Assert.Contains("every request failed", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ThresholdCrossed_ExitsOneAndSaysWhich()
    {
        using var server = new System.Net.HttpListener();
        var port = FreePort();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var serving = Task.Run(async () =>
        {
            while (server.IsListening)
            {
                try
                {
                    var context = await server.GetContextAsync();
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is System.Net.HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
            }
        });
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliApplication.RunAsync(
            ["load", "--url", $"http://127.0.0.1:{port}/", "--rate", "20", "--duration", "1s", "--threshold", "p99<1000ms", "--threshold", "rps>100000"],
            CliConsole.ForWriters(output, error));
        server.Stop();
        await serving;

        Assert.Equal(ExitCodes.NotContained, exitCode);
        Assert.Contains("threshold p99<1000ms: ok", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("threshold rps>100000: CROSSED", output.ToString(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task LoadMerge_ASecondWithABrokenHistogram_IsRefusedNamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("resiliencelab-load-merge-").FullName;
        try
        {
            var file = Path.Combine(folder, "agent-1.json");
            await CliRun.InvokeAsync("load", "--url", "http://127.0.0.1:9/", "--rate", "5", "--duration", "1s", "--segment", "1/1", "--json", file);
            var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(file))!;
            json["timeline"]![0]!["histograms"]!["latency"] = "not a histogram";
            await File.WriteAllTextAsync(file, json.ToJsonString());

            var merged = await CliRun.InvokeAsync("load", "merge", file, "--json", Path.Combine(folder, "merged.json"));

            Assert.Equal(ExitCodes.InvalidInput, merged.ExitCode);
            Assert.Contains("agent-1.json", merged.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", merged.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "merged.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task LoadMerge_TwoSegments_AddsTheAgentsResultsIntoOneSummary()
    {
        var folder = Directory.CreateTempSubdirectory("resiliencelab-load-merge-").FullName;
        try
        {
            foreach (var i in new[] { 1, 2 })
            {
                // Nothing listens on port 9: every request fails fast, which is all a merge needs to count.
                var agent = await CliRun.InvokeAsync("load", "--url", "http://127.0.0.1:9/", "--rate", "5", "--duration", "1s", "--segment", $"{i}/2", "--json", Path.Combine(folder, $"agent-{i}.json"));
                Assert.True(File.Exists(Path.Combine(folder, $"agent-{i}.json")), agent.Output + agent.Error);
            }

            var merged = await CliRun.InvokeAsync("load", "merge", Path.Combine(folder, "agent-1.json"), Path.Combine(folder, "agent-2.json"), "--json", Path.Combine(folder, "merged.json"));
            var missing = await CliRun.InvokeAsync("load", "merge", Path.Combine(folder, "agent-2.json"));

            Assert.Equal(ExitCodes.NotContained, merged.ExitCode); // every request failed, as in each agent
            using var summary = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "merged.json")));
            Assert.Equal(5, summary.RootElement.GetProperty("started").GetInt64());
            Assert.Equal(5, summary.RootElement.GetProperty("failed").GetInt64());
            Assert.Equal(5, summary.RootElement.GetProperty("latency").GetProperty("count").GetInt64());
            var timeline = summary.RootElement.GetProperty("timeline").EnumerateArray().ToList();
            Assert.NotEmpty(timeline);
            Assert.Equal(5, timeline.Sum(t => t.GetProperty("started").GetInt64()));
            Assert.Equal(5, timeline.Sum(t => t.GetProperty("latency").GetProperty("count").GetInt64()));
            Assert.Equal(ExitCodes.InvalidInput, missing.ExitCode);
            Assert.Contains("1/2 missing", missing.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
