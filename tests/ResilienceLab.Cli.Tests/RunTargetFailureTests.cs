using System.Text.Json;
using System.Text.Json.Nodes;

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

    private async Task<string> WriteConfigAsync()
    {
        var config = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Config))!;
        config["endpoints"] = new JsonObject { ["sqs"] = ClosedEndpoint, ["dynamodb"] = ClosedEndpoint, ["events"] = ClosedEndpoint };
        var path = Path.Combine(_out, "unreachable.json");
        await File.WriteAllTextAsync(path, config.ToJsonString());
        return path;
    }
}
