using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Stack.Events;
using ResilienceLab.Stack.Services;
using ResilienceLab.Stack.Tests.Fakes;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Stack.Tests.Workflows;

public sealed class LooseCouplingOrchestratorTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryEventBus _bus = new();

    [Fact]
    public async Task ExecuteWorkflowAsync_AllStepsSucceed_CompletesAndPublishesWorkflowCompleted()
    {
        var sut = CreateSut(new StubService("inventory"), new StubService("payments"));

        var result = await sut.ExecuteWorkflowAsync(Workflow(Step("reserve", "inventory", required: true), Step("charge", "payments", required: true)));

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.All(result.Steps, s => Assert.True(s.Success));
        var entry = Assert.Single(_bus.Delivered);
        Assert.Equal("WorkflowCompleted", entry.DetailType);
        var detail = JsonNode.Parse(entry.Detail)!;
        Assert.Equal(result.WorkflowId, detail["workflow_id"]!.GetValue<string>());
        Assert.Equal("completed", detail["status"]!.GetValue<string>());
        Assert.NotNull(detail["duration_ms"]);
    }

    [Fact]
    public async Task ExecuteWorkflowAsync_RequiredStepFails_FailsStopsAndPublishesWorkflowFailed()
    {
        var payments = new StubService("payments");
        var sut = CreateSut(new StubService("inventory", failWith: "http_503"), payments);

        var result = await sut.ExecuteWorkflowAsync(Workflow(Step("reserve", "inventory", required: true), Step("charge", "payments", required: true)));

        Assert.Equal(WorkflowStatus.Failed, result.Status);
        Assert.Single(result.Steps);
        Assert.Equal(0, payments.Calls);
        Assert.Equal("reserve", result.FailedStep!.StepName);
        var entry = Assert.Single(_bus.Delivered);
        Assert.Equal("WorkflowFailed", entry.DetailType);
        Assert.Equal("reserve: http_503", JsonNode.Parse(entry.Detail)!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteWorkflowAsync_OptionalStepFails_DegradesToFallbackAndCompletes()
    {
        var sut = CreateSut(new StubService("recommendations", failWith: "circuit_open"), new StubService("payments"));
        var optional = Step("recommend", "recommendations", required: false) with { Fallback = new JsonObject { ["items"] = new JsonArray() } };

        var result = await sut.ExecuteWorkflowAsync(Workflow(optional, Step("charge", "payments", required: true)));

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.True(result.Steps[0].Degraded);
        Assert.Equal("circuit_open", result.Steps[0].Error);
        Assert.Equal("""{"items":[]}""", result.Steps[0].Response!.ToJsonString());
        Assert.Null(result.FailedStep);
        Assert.Equal("WorkflowCompleted", Assert.Single(_bus.Delivered).DetailType);
    }

    [Fact]
    public async Task ExecuteWorkflowAsync_OptionalStepServiceUnknown_DegradesInsteadOfReportingFailedStep()
    {
        var sut = CreateSut(new StubService("payments"));

        var result = await sut.ExecuteWorkflowAsync(Workflow(Step("recommend", "missing", required: false), Step("charge", "payments", required: true)));

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal("service_not_found", result.Steps[0].Error);
        Assert.Null(result.FailedStep);
    }

    [Fact]
    public async Task ExecuteWorkflowAsync_ServiceThrowsUnexpectedly_IsStepFailureNotCrash()
    {
        var sut = CreateSut(new StubService("inventory", unexpected: true));

        var result = await sut.ExecuteWorkflowAsync(Workflow(Step("reserve", "inventory", required: true)));

        Assert.Equal(WorkflowStatus.Failed, result.Status);
        Assert.Equal("unexpected_error", result.Steps[0].Error);
    }

    [Fact]
    public async Task ExecuteWorkflowAsync_BusDown_WorkflowStillCompletesAndEventWaitsInOutbox()
    {
        _bus.Unavailable = true;
        var events = new EventDrivenService(new EventServiceOptions { Name = "orchestrator" }, _bus, _time);
        var sut = new LooseCouplingOrchestrator(Services(new StubService("payments")), _time, events);

        var result = await sut.ExecuteWorkflowAsync(Workflow(Step("charge", "payments", required: true)));

        Assert.Equal(WorkflowStatus.Completed, result.Status);
        Assert.Equal(1, events.Outbox.Pending);
        _bus.Unavailable = false;
        await events.FlushOutboxAsync();
        Assert.Equal("WorkflowCompleted", Assert.Single(_bus.Delivered).DetailType);
    }

    private static WorkflowDefinition Workflow(params WorkflowStep[] steps) => new("order", steps);

    private static WorkflowStep Step(string name, string service, bool required) => new(name, service, required, new JsonObject { ["order_id"] = "1" });

    private static Dictionary<string, IServiceInterface> Services(params StubService[] services) =>
        services.ToDictionary(s => s.ServiceName, s => (IServiceInterface)s);

    private LooseCouplingOrchestrator CreateSut(params StubService[] services) =>
        new(Services(services), _time, new EventDrivenService(new EventServiceOptions { Name = "orchestrator" }, _bus, _time));

    private sealed class StubService(string name, string? failWith = null, bool unexpected = false) : IServiceInterface
    {
        public string ServiceName => name;

        public int Calls { get; private set; }

        public ValueTask<ServiceResponse> CallAsync(JsonObject request, CancellationToken cancellationToken = default)
        {
            Calls++;
            if (unexpected)
            {
                throw new InvalidOperationException("bug");
            }

            return failWith is null
                ? ValueTask.FromResult(new ServiceResponse("ok", new JsonObject { ["from"] = name }, 1))
                : throw new ServiceCallException(name, failWith, 1, failWith);
        }

        public ValueTask<bool> HealthCheckAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);
    }
}
