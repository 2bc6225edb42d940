using System.Net;
using System.Net.Sockets;

namespace ResilienceLab.Cli.Tests;

/// <summary>The dependency host refuses bad input before it listens: exit 2, nothing served.</summary>
public sealed class DependenciesCommandTests
{
    [Fact]
    public async Task Dependencies_UnknownScenario_ExitsTwoNamingIt()
    {
        var run = await CliRun.InvokeAsync("dependencies", "--scenario", "no-such-scenario", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("no-such-scenario", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dependencies_BadConfig_ExitsTwoNamingTheFile()
    {
        var config = Path.Combine(Path.GetTempPath(), $"resiliencelab-bad-config-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(config, "{ \"services\": 3 }");
        try
        {
            var run = await CliRun.InvokeAsync("dependencies", "--scenario", "breaker-storm", "--config", config, "--scenarios", RepositoryPaths.Scenarios);

            Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
            Assert.Contains(config, run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task Dependencies_PortTaken_ExitsTwo()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port - 1; // the first server's port is taken

        var run = await CliRun.InvokeAsync("dependencies", "--scenario", "breaker-storm", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--port", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DependencyHostNotThisMachineWithoutAllowRemote_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync("run", "--scenario", "breaker-storm", "--segment", "1/2", "--run-id", "r", "--dependencies", "http://deps.example.com:9000/", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", Path.GetTempPath());

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--allow-remote", run.Error, StringComparison.Ordinal);
    }
}
