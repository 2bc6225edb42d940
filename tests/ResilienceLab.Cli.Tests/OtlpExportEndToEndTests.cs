using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Cli.Tests;

/// <summary>--otlp-endpoint: a run sends the ResilienceLab meter and its workflow, step and attempt spans to an OTLP/HTTP receiver that decodes them.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OtlpExportEndToEndTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("resiliencelab-otlp-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task Run_OtlpEndpoint_ExportsSpansWithFaultAndBreakerEventsAndTheMeter()
    {
        await using var receiver = new OtlpReceiver();

        var run = await CliRun.InvokeAsync("--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out, "--otlp-endpoint", receiver.Url.AbsoluteUri);

        Assert.True(run.ExitCode == ExitCodes.Contained, run.Output + run.Error);
        Assert.Contains($"telemetry: OTLP (http/protobuf) to {receiver.Url.AbsoluteUri}", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning: OTLP", run.Error, StringComparison.Ordinal);
        var spans = receiver.Spans;
        var byId = spans.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        Assert.Contains(spans, s => s.Name == "workflow place-order" && s.ParentSpanId.Length == 0);
        var charges = spans.Where(s => s.Name == "step charge-payment").ToList();
        Assert.NotEmpty(charges);
        Assert.All(charges, s => Assert.Equal("workflow place-order", byId[s.ParentSpanId].Name));
        var faulted = spans.Where(s => s.Name == "attempt payment" && s.Events.Any(e => e.Name == StackActivities.FaultInjectedEvent)).ToList();
        Assert.NotEmpty(faulted);
        Assert.All(faulted, s => Assert.Equal("step charge-payment", byId[s.ParentSpanId].Name));
        Assert.All(faulted, s => Assert.Equal("payment-outage", s.Events.First(e => e.Name == StackActivities.FaultInjectedEvent).Attributes["resiliencelab.fault.name"]));
        Assert.Contains(charges, s => s.Events.Any(e => e.Name == StackActivities.BreakerRejectedEvent));
        Assert.Contains(charges, s => s.Events.Any(e => e.Name == StackActivities.BreakerTransitionEvent && e.Attributes["resiliencelab.breaker.to"] == "Open"));
        Assert.Contains(receiver.TraceResources, r => r.GetValueOrDefault("resiliencelab.scenario") == "breaker-storm" && r.GetValueOrDefault("resiliencelab.command") == "run");
        Assert.Contains(StackInstruments.Calls, receiver.MetricNames);
        Assert.Contains(StackInstruments.BreakerTransitions, receiver.MetricNames);
        Assert.Contains(StackInstruments.Rejections, receiver.MetricNames);
    }

    [Fact]
    public async Task Run_RemoteOtlpEndpoint_IsRefusedBeforeAnythingRuns()
    {
        var run = await CliRun.InvokeAsync("--scenario", "breaker-storm", "--quick", "--config", RepositoryPaths.Config, "--scenarios", RepositoryPaths.Scenarios, "--out", _out, "--otlp-endpoint", "http://collector.example.com:4318");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("error: --otlp-endpoint: http://collector.example.com:4318/ is not on this machine; telemetry goes to another host only with --allow-remote", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_out, "breaker-storm")));
    }
}
