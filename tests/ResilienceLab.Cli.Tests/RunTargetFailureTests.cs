using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests;

/// <summary>A run whose resources cannot be provisioned aborts with one line and a partial report, never a stack trace.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class RunTargetFailureTests : IDisposable
{
    // Nothing listens on port 1 of the loopback address: every call is refused at once.
    private const string ClosedEndpoint = "http://127.0.0.1:1";
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-target-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Theory]
    [InlineData("local")]
    [InlineData("aws")]
    public async Task Run_EndpointUnreachable_AbortsWithOneLineAndPartialReport(string target)
    {
        var config = await WriteConfigAsync();

        var run = await CliRun.InvokeAsync("run", "--scenario", "breaker-storm", "--quick", "--target", target, "--config", config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out);

        Assert.True(run.ExitCode == ExitCodes.Aborted, run.Output + run.Error);
        var errors = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = Assert.Single(errors);
        Assert.StartsWith("error: run aborted: infrastructure error:", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ResilienceLab.", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Infrastructure.Aws.AwsEndpointOptions.LoopbackAccessKey, run.Output + run.Error, StringComparison.Ordinal);
        var reportJson = await File.ReadAllTextAsync(Path.Combine(_out, "breaker-storm", "report.json"));
        using var report = JsonDocument.Parse(reportJson);
        Assert.Equal("aborted", report.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(target, report.RootElement.GetProperty("run").GetProperty("target").GetString());
        Assert.DoesNotContain(Infrastructure.Aws.AwsEndpointOptions.LoopbackAccessKey, reportJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EndpointAcceptsAndNeverAnswers_AbortsNamingItAfterOneBoundedCall()
    {
        using var silent = new SilentEndpoint();
        var endpoint = silent.Url.ToString();
        var config = await WriteConfigAsync(new JsonObject { ["sqs"] = endpoint, ["sns"] = endpoint, ["events"] = "local", ["dynamodb"] = endpoint });

        var run = await CliRun.InvokeAsync("run", "--scenario", "breaker-storm", "--quick", "--target", "aws", "--config", config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out);

        Assert.True(run.ExitCode == ExitCodes.Aborted, run.Output + run.Error);
        var error = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"no answer from the SQS endpoint {endpoint} within 2 s (3 attempts)", error, StringComparison.Ordinal);
        Assert.StartsWith("error: run aborted: infrastructure error: provisioning failed:", error, StringComparison.Ordinal);

        // One call, retried twice, reached the endpoint; every other resource on it was not tried (the bound: 3 x 2 s).
        Assert.InRange(silent.Connections, 1, 3);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "breaker-storm", "report.json")));
        Assert.Equal("aborted", report.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(endpoint, report.RootElement.GetProperty("run").GetProperty("placement").GetProperty("sqs").GetString());
    }

    private async Task<string> WriteConfigAsync(JsonObject? endpoints = null)
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        config["endpoints"] = endpoints ?? new JsonObject { ["sqs"] = ClosedEndpoint, ["sns"] = "local", ["dynamodb"] = ClosedEndpoint, ["events"] = ClosedEndpoint };
        var path = Path.Combine(_out, "unreachable.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        return path;
    }
}
