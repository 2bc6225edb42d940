using Polly;
using ResilienceLab;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Reporting.Model;

namespace PollyPipeline.Tests;

/// <summary>
/// breaker-storm around your own code: payment answers a slow 503 to everything for a while, under steady load. The
/// hardened pipeline contains it (its breaker opens within 2 s, workflows fail fast, payment is spared); the pipeline
/// without a breaker is caught (not contained). Each run writes the same report folder as the command line.
/// </summary>
public sealed class BreakerStormTests : IDisposable
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);
    private readonly HttpClient _http = new();
    private readonly string _reports = Directory.CreateTempSubdirectory("polly-breaker-storm-").FullName;

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_reports, recursive: true);
    }

    [Fact]
    public async Task HardenedPipeline_UnderBreakerStorm_IsContained()
    {
        var breaker = new ExternalBreaker("payment");
        var scenario = BreakerStorm("polly-hardened", PaymentClient.Hardened(breaker)).WithBreakers(breaker);

        var result = await ResilienceRunner.RegisterScenarios(scenario).WithQuick().WithReportFolder(_reports).RunAsync();

        var run = result["polly-hardened"];
        Assert.True(run.Verdict == Verdict.Contained, run.ToString());
        Assert.True(File.Exists(Path.Combine(run.ReportFolder, "report.html")));
    }

    [Fact]
    public async Task PipelineWithoutBreaker_UnderBreakerStorm_IsCaught()
    {
        var scenario = BreakerStorm("polly-no-breaker", PaymentClient.TimeoutOnly());

        var result = await ResilienceRunner.RegisterScenarios(scenario).WithQuick().WithReportFolder(_reports).RunAsync();

        var run = result["polly-no-breaker"];
        Assert.True(run.Verdict == Verdict.NotContained, run.ToString());
        Assert.Contains(run.Report.Hypothesis, h => h.Metric == "fault.latency_p90_ms" && h.Outcome == CheckOutcome.Failed);
    }

    private ResilienceScenario BreakerStorm(string name, ResiliencePipeline pipeline) =>
        ResilienceScenario
            .Create(name, async (context, token) =>
            {
                var client = new PaymentClient(_http, context.Dependency("payment"), pipeline);
                return await client.ChargeAsync(token) is { } reason ? Response.Fail(reason) : Response.Ok();
            })
            .WithDescription("payment answers a slow 503 to every request for 24 s under 40 charges a second")
            .WithDependencies("payment")
            .WithWarmUpDuration(4 * S)
            .WithQuickScale(0.5) // --quick halves every duration: a 12 s outage, long enough that opening is a small share of it
            .WithLoadSimulations(Simulation.Inject(rate: 40, interval: S, during: 60 * S))
            .WithFaults(Fault.HttpError("payment-outage", target: "payment", start: 20 * S, duration: 24 * S, status: 503, delay: TimeSpan.FromMilliseconds(300)))
            .WithHypothesis(
                Check.That("the breaker opens within 2 s of the outage", "breaker.payment.time_to_open_s", "<=", 2),
                Check.That("nine in ten charges fail fast during the outage", "fault.latency_p90_ms", "<=", 100),
                Check.That("payment is spared: at most 10 requests a second reach it during the outage", "fault.dependency.payment.requests_per_second", "<=", 10));
}
