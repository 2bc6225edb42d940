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
}
