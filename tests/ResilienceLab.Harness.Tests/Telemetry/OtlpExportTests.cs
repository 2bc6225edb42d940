using ResilienceLab.Harness.Telemetry;
using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Harness.Tests.Telemetry;

/// <summary>The OpenTelemetry SDK's OTLP exporter, fed by the stack's meter and spans, checked against a receiver that decodes what arrives.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Finish_SpansAndMeterRecorded_ArriveAsOtlpProtobufWithTheirTreeAndEvents()
    {
        await using var receiver = new OtlpReceiver();
        var settings = OtlpSettings.Resolve(receiver.Url.AbsoluteUri, _ => null, allowRemote: false)!;
        var export = OtlpExport.Start(settings, new Dictionary<string, object> { ["resiliencelab.scenario"] = "otlp-test" });
        using (var telemetry = new StackTelemetry())
        {
            using (var workflowSpan = StackActivities.StartWorkflow("otlp-order", "workflow_00000001"))
            using (var stepSpan = StackActivities.StartStep("charge", "payment", required: true))
            {
                using (var attemptSpan = StackActivities.StartAttempt("payment", 1, probe: false))
                {
                    StackActivities.FaultInjected("payment-outage", target: "payment");
                    StackActivities.EndAttempt(attemptSpan, "http_503");
                }

                StackActivities.BreakerRejected("payment", "circuit_open");
                StackActivities.EndStep(stepSpan, "failed", "circuit_open", 1);
                StackActivities.EndWorkflow(workflowSpan, "failed", "charge");
            }

            telemetry.CallCompleted("payment", "http_503");
            telemetry.AttemptCompleted("payment", "http_503");
            Assert.Empty(export.Finish());
        }

        Assert.All(receiver.Requests, r => Assert.Equal("application/x-protobuf", r.ContentType));
        var spans = receiver.Spans.Where(s => s.Attributes.GetValueOrDefault("resiliencelab.workflow.name") == "otlp-order" || s.Name is "step charge" or "attempt payment").ToList();
        var root = Assert.Single(spans, s => s.Name == "workflow otlp-order");
        var step = Assert.Single(spans, s => s.Name == "step charge" && s.TraceId == root.TraceId);
        var attempt = Assert.Single(spans, s => s.Name == "attempt payment" && s.TraceId == root.TraceId);
        Assert.Equal(StackActivities.SourceName, root.Scope);
        Assert.Equal(string.Empty, root.ParentSpanId);
        Assert.Equal(root.SpanId, step.ParentSpanId);
        Assert.Equal(step.SpanId, attempt.ParentSpanId);
        Assert.Equal(3, attempt.Kind); // SPAN_KIND_CLIENT
        Assert.Equal("http_503", attempt.Attributes["resiliencelab.attempt.outcome"]);
        Assert.Equal("payment-outage", Assert.Single(attempt.Events, e => e.Name == StackActivities.FaultInjectedEvent).Attributes["resiliencelab.fault.name"]);
        Assert.Equal("circuit_open", Assert.Single(step.Events, e => e.Name == StackActivities.BreakerRejectedEvent).Attributes["resiliencelab.breaker.reason"]);
        Assert.Contains(receiver.TraceResources, r => r.GetValueOrDefault("service.name") == OtlpExport.ServiceName && r.GetValueOrDefault("resiliencelab.scenario") == "otlp-test");
        Assert.Contains(StackInstruments.Calls, receiver.MetricNames);
        Assert.Contains(StackInstruments.Attempts, receiver.MetricNames);
    }

    [Fact]
    public async Task Finish_CollectorAnswersNothing_ReportsTheFailedExportInsteadOfThrowing()
    {
        var receiver = new OtlpReceiver();
        var url = receiver.Url;
        await receiver.DisposeAsync();
        var export = OtlpExport.Start(OtlpSettings.Resolve(url.AbsoluteUri, _ => null, allowRemote: false)!, new Dictionary<string, object>());

        using (var workflow = StackActivities.StartWorkflow("unsent-order", "workflow_00000001"))
        {
            StackActivities.EndWorkflow(workflow, "completed", null);
        }

        Assert.NotEmpty(export.Finish());
    }
}
