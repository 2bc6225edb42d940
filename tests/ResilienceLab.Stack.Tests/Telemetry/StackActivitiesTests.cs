using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Discovery;
using ResilienceLab.Stack.Retry;
using ResilienceLab.Stack.Services;
using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Stack.Tests.Fakes;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Stack.Tests.Telemetry;

/// <summary>
/// The stack's spans: a workflow, its steps, each step's attempts; an injected fault on the attempt it hit, retries,
/// breaker transitions and rejections on the step. Both tests live in one class so no listener of one is seen by the other.
/// </summary>
public sealed class StackActivitiesTests : IDisposable
{
    private const string FaultName = "payment-outage";
    private readonly FakeTimeProvider _time = new();
    private readonly StackTelemetry _telemetry = new();
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        _disposables.ForEach(d => d.Dispose());
        _telemetry.Dispose();
    }

    [Fact]
    public async Task ExecuteWorkflowAsync_Listened_SpansWorkflowStepsAndAttemptsWithFaultAndBreakerEvents()
    {
        var workflow = new WorkflowDefinition($"traced-{Guid.NewGuid():N}", [Step("reserve", "inventory"), Step("charge", "payment")]);
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = Listen(stopped);
        var sut = CreateSut();

        var first = await sut.ExecuteWorkflowAsync(workflow);
        var second = await sut.ExecuteWorkflowAsync(workflow);

        Assert.Equal(WorkflowStatus.Failed, first.Status);
        Assert.Equal("circuit_open", second.Steps[^1].Error);
        var roots = stopped.Where(a => a.DisplayName == "workflow " + workflow.Name).ToList();
        Assert.Equal(2, roots.Count);
        Assert.All(roots, r => Assert.Equal(default, r.ParentSpanId));
        Assert.All(roots, r => Assert.Equal(ActivityStatusCode.Error, r.Status));
        var trace = Trace(stopped, roots[0]);
        var steps = trace.Where(a => a.DisplayName.StartsWith("step ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["step reserve", "step charge"], steps.Select(s => s.DisplayName));
        Assert.All(steps, s => Assert.Equal(roots[0].SpanId, s.ParentSpanId));

        var charge = steps[1];
        var attempts = trace.Where(a => a.DisplayName == "attempt payment").OrderBy(a => a.GetTagItem("resiliencelab.attempt")).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(charge.SpanId, a.ParentSpanId));
        Assert.All(attempts, a => Assert.Equal(ActivityKind.Client, a.Kind));
        Assert.All(attempts, a => Assert.Equal("http_503", a.GetTagItem("resiliencelab.attempt.outcome")));
        Assert.All(attempts, a => Assert.Equal(FaultName, Assert.Single(a.Events, e => e.Name == StackActivities.FaultInjectedEvent).Tags.Single(t => t.Key == "resiliencelab.fault.name").Value));
        Assert.Contains(charge.Events, e => e.Name == StackActivities.RetryScheduledEvent);
        var opened = Assert.Single(charge.Events, e => e.Name == StackActivities.BreakerTransitionEvent);
        Assert.Contains(opened.Tags, t => t.Key == "resiliencelab.breaker.to" && (string?)t.Value == nameof(CircuitState.Open));
        Assert.Equal("failed", charge.GetTagItem("resiliencelab.step.outcome"));

        var rejectedStep = Trace(stopped, roots[1]).Single(a => a.DisplayName == "step charge");
        var rejection = Assert.Single(rejectedStep.Events, e => e.Name == StackActivities.BreakerRejectedEvent);
        Assert.Contains(rejection.Tags, t => t.Key == "resiliencelab.breaker.reason" && (string?)t.Value == "circuit_open");
        Assert.DoesNotContain(Trace(stopped, roots[1]), a => a.DisplayName == "attempt payment");
    }

    [Fact]
    public async Task ExecuteWorkflowAsync_NoListener_StartsNoSpan()
    {
        var sut = CreateSut();

        await sut.ExecuteWorkflowAsync(new WorkflowDefinition("untraced", [Step("reserve", "inventory")]));

        Assert.Null(StackActivities.StartWorkflow("untraced", "workflow_1"));
        Assert.Null(StackActivities.StartAttempt("inventory", 1, probe: false));
        Assert.Null(StackActivities.Current);
    }

    private static List<Activity> Trace(IEnumerable<Activity> stopped, Activity root) => [.. stopped.Where(a => a.TraceId == root.TraceId).OrderBy(a => a.StartTimeUtc)];

    private static ActivityListener Listen(ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StackActivities.SourceName,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static WorkflowStep Step(string name, string service) => new(name, service, true, new JsonObject());

    private LooseCouplingOrchestrator CreateSut()
    {
        var registry = new ServiceRegistry();
        registry.Register("inventory", new Uri("http://inventory.test/"));
        registry.Register("payment", new Uri("http://payment.test/"));
        var failing = new StubHttpHandler((_, _, _) =>
        {
            var response = StubHttpHandler.Json(HttpStatusCode.ServiceUnavailable);
            response.Headers.Add(StackActivities.InjectedFaultHeader, FaultName);
            return Task.FromResult(response);
        });
        return new LooseCouplingOrchestrator(
            new Dictionary<string, IServiceInterface>
            {
                ["inventory"] = Client("inventory", StubHttpHandler.Always(HttpStatusCode.OK), registry),
                ["payment"] = Client("payment", failing, registry),
            },
            _time);
    }

    private AsyncServiceClient Client(string name, StubHttpHandler handler, ServiceRegistry registry)
    {
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _disposables.Add(http);
        var options = new ServiceOptions
        {
            Name = name,
            Path = "/",
            AttemptTimeout = TimeSpan.FromSeconds(5),
            Retry = new RetryOptions { MaxRetries = 1, BaseDelay = TimeSpan.Zero },
            CircuitBreaker = new CircuitBreakerOptions { FailureThreshold = 2 },
        };
        return new AsyncServiceClient(options, registry, http, _time, new Random(7).NextDouble, _telemetry);
    }
}
