using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests;

/// <summary>Output that cannot be written is found before any load runs (exit 2); a write that fails afterwards keeps the verdict and exits 3.</summary>
public sealed class OutputPathTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("resiliencelab-output-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    public static TheoryData<string> Unwritable => new() { "file", "/proc/resilience-lab-out", "/proc/self/status/x" };

    [Theory]
    [MemberData(nameof(Unwritable))]
    public async Task Run_UnwritableOut_ExitsTwoBeforeAnyLoad(string kind)
    {
        var output = Resolve(kind);

        var run = await CliRun.InvokeAsync("run", "--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", output);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --out: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Verdict", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OutHoldsAForeignFolderOfTheScenariosName_ExitsTwoAndLeavesItAlone()
    {
        var foreign = Path.Combine(_scratch, "breaker-storm");
        Directory.CreateDirectory(foreign);
        await File.WriteAllTextAsync(Path.Combine(foreign, "notes.txt"), "mine");

        var run = await CliRun.InvokeAsync("run", "--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", _scratch);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("left alone", run.Error, StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(foreign, "notes.txt")));
    }

    [Theory]
    [MemberData(nameof(Unwritable))]
    public async Task GameDayGateCompareLoad_UnwritableOutput_ExitTwoWithOneLine(string kind)
    {
        var output = Resolve(kind);
        var report = Path.Combine(_scratch, "reports", "breaker-storm");
        Directory.CreateDirectory(report);
        await File.WriteAllTextAsync(Path.Combine(report, "report.json"), ReportJson.Serialize(TestReports.Create()));

        CliRun[] runs =
        [
            await CliRun.InvokeAsync("gameday", "--scenario", "breaker-storm", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", output, "--duration", "5s"),
            await CliRun.InvokeAsync("gate", "--suite", "nightly", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", output),
            await CliRun.InvokeAsync("compare", report, report, "--out", output),
            await CliRun.InvokeAsync("load", "--url", "http://127.0.0.1:9/", "--rate", "1", "--duration", "1s", "--json", Path.Combine(output, "load.json")),
        ];

        foreach (var run in runs)
        {
            Assert.True(run.ExitCode == ExitCodes.InvalidInput, run.Output + run.Error);
            var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Matches("^error: --(out|json): ", line);
        }
    }

    [Fact]
    public async Task Compare_WriteFailsAfterTheCheck_PrintsTheVerdictAndExitsThree()
    {
        var report = Path.Combine(_scratch, "reports", "breaker-storm");
        Directory.CreateDirectory(report);
        await File.WriteAllTextAsync(Path.Combine(report, "report.json"), ReportJson.Serialize(TestReports.Create()));
        var output = Path.Combine(_scratch, "cmp");
        Directory.CreateDirectory(Path.Combine(output, "compare.md")); // a folder where the file goes: the rename fails

        var run = await CliRun.InvokeAsync("compare", report, report, "--out", output);

        Assert.Equal(ExitCodes.Aborted, run.ExitCode);
        Assert.Contains("No regression", run.Output, StringComparison.Ordinal);
        Assert.Contains("could not be written", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    private string Resolve(string kind)
    {
        if (kind != "file")
        {
            return kind;
        }

        var file = Path.Combine(_scratch, "a-file");
        File.WriteAllText(file, "x");
        return file;
    }

    [Fact]
    public async Task Run_SameOutWhileAnotherRunHoldsIt_ExitsTwoInsteadOfReplacingItsReport()
    {
        using var other = Reporting.Writers.ReportFolderLock.TryAcquire(_scratch, "breaker-storm", out _);

        var run = await CliRun.InvokeAsync("run", "--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", _scratch);

        Assert.NotNull(other);
        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("--out:", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_scratch, "breaker-storm")));
    }
}
