using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests;

/// <summary>
/// The emulator standing in for AWS dies in the middle of a run: that is the harness's infrastructure failing, not the
/// system failing to contain a fault, so the run aborts (exit 3) naming the endpoint, never "not contained".
/// </summary>
[Collection(EndToEndCollection.Name)]
[Trait("Category", "DynamoDbLocal")]
public sealed class InfrastructureLostEndToEndTests : IClassFixture<DynamoDbLocalFixture>, IDisposable
{
    private readonly DynamoDbLocalFixture _fixture;
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-lost-").FullName;

    public InfrastructureLostEndToEndTests(DynamoDbLocalFixture fixture) => _fixture = fixture;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [DynamoDbLocalFact]
    public async Task Run_DynamoDbLocalDiesMidRun_AbortsNamingTheEndpoint()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        config["project_name"] = "lost-" + Guid.NewGuid().ToString("N")[..8];
        config["endpoints"] = new JsonObject { ["dynamodb"] = _fixture.ServiceUrl.ToString() };
        var configPath = Path.Combine(_out, "config.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());
        using var output = new WatchedWriter("s/15s");
        using var error = new StringWriter();

        var run = CliApplication.RunAsync(
            ["--scenario", "breaker-storm", "--quick", "--config", configPath, "--scenarios", RepositoryPaths.Scenarios, "--out", _out],
            CliConsole.ForWriters(output, error));
        await output.Seen.WaitAsync(TimeSpan.FromMinutes(2));
        _fixture.Kill();
        var code = await run;

        Assert.True(code == ExitCodes.Aborted, output + error.ToString());
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "breaker-storm", "report.json")));
        Assert.Equal("aborted", report.RootElement.GetProperty("verdict").GetString());
        var reason = report.RootElement.GetProperty("abort_reason").GetString()!;
        Assert.StartsWith("infrastructure lost: the DynamoDB endpoint " + _fixture.ServiceUrl, reason, StringComparison.Ordinal);
    }

    /// <summary>Captures output and signals once a text appears (the measured run has begun).</summary>
    private sealed class WatchedWriter(string text) : StringWriter
    {
        private readonly Lock _lock = new();
        private readonly StringBuilder _written = new();
        private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Seen => _seen.Task;

        public override void Write(char value) => Append(value.ToString());

        public override void Write(string? value) => Append(value);

        public override void WriteLine(string? value) => Append(value + Environment.NewLine);

        public override string ToString()
        {
            lock (_lock)
            {
                return _written.ToString();
            }
        }

        private void Append(string? value)
        {
            lock (_lock)
            {
                _written.Append(value);
                if (_written.ToString().Contains(text, StringComparison.Ordinal))
                {
                    _seen.TrySetResult();
                }
            }
        }
    }
}
