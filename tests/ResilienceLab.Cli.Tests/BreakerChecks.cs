using System.Text.Json;

namespace ResilienceLab.Cli.Tests;

/// <summary>
/// breaker-storm's checks on the breaker itself. A fleet (instances, agents, or both) with the breaker shared, or with one
/// breaker each, opens later in relative terms and sends each instance's half-open probes, so in --quick's 6 s outage
/// more than one workflow in ten can be slow: the latency checks may fail for a fleet where these must hold.
/// </summary>
internal static class BreakerChecks
{
    private static readonly string[] Metrics =
    [
        "breaker.payment.time_to_open_s", "breaker.payment.excess_requests_while_open", "fault.dependency.payment.attempts_per_call",
        "fault.dependency.inventory.error_rate", "breaker.payment.time_to_close_s",
    ];

    /// <summary>Asserts that every breaker check of the report at <paramref name="reportJson"/> passed.</summary>
    public static void AssertPassed(string reportJson, string output)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(reportJson));
        var outcomes = report.RootElement.GetProperty("hypothesis").EnumerateArray().ToDictionary(h => h.GetProperty("metric").GetString()!, h => h.GetProperty("outcome").GetString());
        foreach (var metric in Metrics)
        {
            Assert.True(outcomes[metric] == "passed", $"{metric}: {outcomes[metric]}\n{output}");
        }
    }
}
