using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Stack.Events;
using ResilienceLab.Stack.Ports;
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
    public async Task ExecuteWorkflowAsync_RequiredStepFails_FailsStopsAndPublishesWorkflowCompletedWithStatusFailed()
    {
        var payments = new StubService("payments");
        var sut = CreateSut(new StubService("inventory", failWith: "http_503"), payments);

        var result = await sut.ExecuteWorkflowAsync(Workflow(Step("reserve", "inventory", required: true), Step("charge", "payments", required: true)));

        Assert.Equal(WorkflowStatus.Failed, result.Status);
        Assert.Single(result.Steps);
        Assert.Equal(0, payments.Calls);
        Assert.Equal("reserve", result.FailedStep!.StepName);
        var entry = Assert.Single(_bus.Delivered);
        Assert.Equal("WorkflowCompleted", entry.DetailType);
        var detail = JsonNode.Parse(entry.Detail)!;
        Assert.Equal("failed", detail["status"]!.GetValue<string>());
        Assert.Equal("reserve: http_503", detail["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteWorkflowAsync_RequiredStepFailsWithFailedEventOption_PublishesWorkflowFailed()
    {
        var sut = new LooseCouplingOrchestrator(
            Services(new StubService("inventory", failWith: "http_503")),
            _time,
            new EventDrivenService(new EventServiceOptions { Name = "orchestrator" }, _bus, _time),
            options: new OrchestratorOptions { FailedWorkflowEvent = WorkflowEvents.Failed });

        await sut.ExecuteWorkflowAsync(Workflow(Step("reserve", "inventory", required: true)));

        var entry = Assert.Single(_bus.Delivered);
        Assert.Equal("WorkflowFailed", entry.DetailType);
        Assert.Equal("failed", JsonNode.Parse(entry.Detail)!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteWorkflowAsync_CompletionCannotBePublished_PublishesWorkflowFailedWithStatusError()
    {
        var events = new RecordingPublisher(failFirst: true);
        var sut = new LooseCouplingOrchestrator(Services(new StubService("payments")), _time, events);

        var result = await sut.ExecuteWorkflowAsync(Workflow(Step("charge", "payments", required: true)));

        Assert.Equal(WorkflowStatus.Error, result.Status);
        Assert.Equal("Failed to publish event WorkflowCompleted: bus down", result.Error);
        var (type, data) = Assert.Single(events.Published);
        Assert.Equal(WorkflowEvents.Failed, type);
        Assert.Equal("error", data["status"]!.GetValue<string>());
        Assert.Equal(result.Error, data["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ExecuteWorkflowAsync_OutcomeTopic_PublishesTheOutcomeAndSurvivesATopicFailure()
    {
        var topic = new RecordingTopic();
        var sut = new LooseCouplingOrchestrator(Services(new StubService("payments")), _time, topics: new Dictionary<string, ITopic> { ["orders"] = topic });
        var workflow = Workflow(Step("charge", "payments", required: true)) with { OutcomeTopic = "orders" };

        var first = await sut.ExecuteWorkflowAsync(workflow);
        topic.Fail = true;
        var second = await sut.ExecuteWorkflowAsync(workflow);

        var message = JsonNode.Parse(Assert.Single(topic.Published))!;
        Assert.Equal(first.WorkflowId, message["workflow_id"]!.GetValue<string>());
        Assert.Equal("completed", message["status"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Completed, second.Status);
        Assert.Equal(1, sut.OutcomesNotPublished);
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

    private sealed class RecordingPublisher(bool failFirst) : IWorkflowEventPublisher
    {
        private bool _failed;

        public List<(string Type, JsonObject Data)> Published { get; } = [];

        public ValueTask PublishEventAsync(string eventType, JsonObject eventData, CancellationToken cancellationToken = default)
        {
            if (failFirst && !_failed)
            {
                _failed = true;
                throw new EventPublishException(eventType, "bus down", null);
            }

            Published.Add((eventType, eventData));
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RecordingTopic : ITopic
    {
        public string Name => "orders";

        public bool Fail { get; set; }

        public List<string> Published { get; } = [];

        public ValueTask<string> PublishAsync(string message, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
        {
            if (Fail)
            {
                throw new PortException("Publish", "InternalError", "topic down", isTransient: true);
            }

            Published.Add(message);
            return ValueTask.FromResult("m-" + Published.Count);
        }
    }

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
