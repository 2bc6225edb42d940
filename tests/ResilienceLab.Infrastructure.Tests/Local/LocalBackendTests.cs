using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Infrastructure.Local;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Tests.Local;

public sealed class LocalBackendTests
{
    private readonly FakeTimeProvider time = new();

    private LocalBackend CreateSut() => new(time);

    private static ResourcePlan CreatePlan() => new(
        ProjectName: "lab",
        DeploymentStage: "test",
        AwsRegion: "us-east-1",
        Queues:
        [
            // The source queue comes first in the plan on purpose: its DLQ must still be created before it.
            new QueuePlan("order-processing", "lab-order-processing-test", VisibilityTimeoutSeconds: 10, RedrivePolicy: new RedrivePolicy("order-processing-dlq", 2)),
            new QueuePlan("order-processing-dlq", "lab-order-processing-dlq-test"),
            new QueuePlan("notifications", "lab-notifications-test"),
        ],
        Topics: [new TopicPlan("order-events", "lab-order-events-test", ["order-processing", "notifications"])],
        EventBus: new EventBusPlan("events", "lab-events-test",
        [
            new EventRulePlan("order-created", "lab-order-created-test", """{"detail-type":["Order Created"]}""", ["order-processing"]),
        ]),
        BreakerTable: new BreakerTablePlan("lab-circuit-breaker-test"));

    [Fact]
    public async Task ProvisionAsync_FreshBackend_CreatesEveryResource()
    {
        await using var sut = CreateSut();

        var report = await sut.ProvisionAsync(CreatePlan());

        Assert.All(report.Resources, r => Assert.Equal(ProvisioningOutcome.Created, r.Outcome));
        Assert.Equal(
            ["dlq:order-processing-dlq", "queue:notifications", "queue:order-processing", "topic:order-events", "event-bus:events", "rule:order-created", "table:lab-circuit-breaker-test"],
            report.Resources.Select(r => $"{r.Kind}:{r.Name}"));
        Assert.True(sut.Placements.IsAllInProcess);
        Assert.Equal("lab-order-processing-test", sut.GetQueue("order-processing").Name);
        Assert.Equal("lab-order-events-test", sut.GetTopic("order-events").Name);
        Assert.Equal("lab-events-test", sut.GetEventBus().Name);
        Assert.Equal("lab-circuit-breaker-test", sut.GetBreakerTable().Name);
    }

    [Fact]
    public async Task ProvisionAsync_SecondTime_ReportsAlreadyExistedAndKeepsMessages()
    {
        await using var sut = CreateSut();
        await sut.ProvisionAsync(CreatePlan());
        await sut.GetQueue("notifications").SendAsync(new OutgoingMessage("kept"));

        var report = await sut.ProvisionAsync(CreatePlan());

        Assert.Equal(7, report.Resources.Count);
        Assert.All(report.Resources, r => Assert.Equal(ProvisioningOutcome.AlreadyExisted, r.Outcome));
        Assert.Equal(1, (await sut.GetQueue("notifications").GetDepthAsync()).Visible);
    }

    [Fact]
    public async Task ProvisionAsync_RedrivePolicy_MovesMessageToTheProvisionedDlq()
    {
        await using var sut = CreateSut();
        await sut.ProvisionAsync(CreatePlan());
        var queue = sut.GetQueue("order-processing");
        await queue.SendAsync(new OutgoingMessage("poison"));

        for (var i = 0; i < 2; i++)
        {
            Assert.Single(await queue.ReceiveAsync(1, TimeSpan.Zero));
            time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Empty(await queue.ReceiveAsync(1, TimeSpan.Zero));
        Assert.Equal("poison", Assert.Single(await sut.GetQueue("order-processing-dlq").ReceiveAsync(1, TimeSpan.Zero)).Body);
    }

    [Fact]
    public async Task ProvisionAsync_TopicAndRule_FanOutAndRouteToProvisionedQueues()
    {
        await using var sut = CreateSut();
        await sut.ProvisionAsync(CreatePlan());

        await sut.GetTopic("order-events").PublishAsync("hello");
        await sut.GetEventBus().PutEventsAsync([new EventEntry("order-service", "Order Created", "{}", "lab-events-test")]);

        Assert.Equal(2, (await sut.GetQueue("order-processing").GetDepthAsync()).Visible);
        Assert.Equal(1, (await sut.GetQueue("notifications").GetDepthAsync()).Visible);
    }

    [Fact]
    public async Task AddHandlerTarget_ProvisionedRule_HandlerGetsMatchingEvents()
    {
        await using var sut = CreateSut();
        await sut.ProvisionAsync(CreatePlan());
        var seen = new ConcurrentBag<string>();
        sut.AddHandlerTarget("order-created", (json, _) =>
        {
            seen.Add(json);
            return ValueTask.CompletedTask;
        });

        await sut.GetEventBus().PutEventsAsync([new EventEntry("order-service", "Order Created", """{"order_id":"ORD-9"}""", "events")]);
        await sut.GetLocalEventBus().DrainAsync();

        Assert.Contains("ORD-9", Assert.Single(seen));
    }

    [Fact]
    public async Task TeardownAsync_AfterProvision_DeletesEverythingThenReportsNotFound()
    {
        await using var sut = CreateSut();
        await sut.ProvisionAsync(CreatePlan());

        var first = await sut.TeardownAsync(CreatePlan());
        var second = await sut.TeardownAsync(CreatePlan());

        Assert.Equal(7, first.Resources.Count);
        Assert.All(first.Resources, r => Assert.Equal(ProvisioningOutcome.Deleted, r.Outcome));
        Assert.All(second.Resources, r => Assert.Equal(ProvisioningOutcome.NotFound, r.Outcome));
        Assert.Throws<InvalidOperationException>(() => sut.GetQueue("order-processing"));
        Assert.Throws<InvalidOperationException>(() => sut.GetEventBus());
        Assert.Throws<InvalidOperationException>(() => sut.GetBreakerTable());
    }

    [Fact]
    public async Task TeardownAsync_ThenProvision_CreatesAgain()
    {
        await using var sut = CreateSut();
        await sut.ProvisionAsync(CreatePlan());
        await sut.TeardownAsync(CreatePlan());

        var report = await sut.ProvisionAsync(CreatePlan());

        Assert.All(report.Resources, r => Assert.Equal(ProvisioningOutcome.Created, r.Outcome));
    }

    [Fact]
    public async Task GetQueue_NotProvisioned_ThrowsNamingTheQueue()
    {
        await using var sut = CreateSut();
        await sut.ProvisionAsync(CreatePlan());

        var error = Assert.Throws<InvalidOperationException>(() => sut.GetQueue("payments"));

        Assert.Contains("'payments'", error.Message);
        Assert.Contains("order-processing", error.Message);
    }

    [Fact]
    public async Task GetTopic_NotProvisioned_ThrowsNamingTheTopic()
    {
        await using var sut = CreateSut();

        Assert.Contains("'order-events'", Assert.Throws<InvalidOperationException>(() => sut.GetTopic("order-events")).Message);
    }

    [Fact]
    public async Task ProvisionAsync_InconsistentPlan_ListsEveryProblemAndCreatesNothing()
    {
        await using var sut = CreateSut();
        var plan = CreatePlan() with
        {
            Queues = [new QueuePlan("orders", "lab-orders-test", RedrivePolicy: new RedrivePolicy("orders-dlq"))],
            Topics = [new TopicPlan("t", "lab-t-test", ["ghost"])],
            EventBus = new EventBusPlan("events", "lab-events-test", [new EventRulePlan("r", "lab-r-test", """{"source":"x"}""", ["phantom"])]),
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.ProvisionAsync(plan));

        Assert.Contains("'orders-dlq'", error.Message);
        Assert.Contains("'ghost'", error.Message);
        Assert.Contains("'phantom'", error.Message);
        Assert.Contains("rule 'r'", error.Message);
        Assert.Throws<InvalidOperationException>(() => sut.GetQueue("orders"));
    }

    [Fact]
    public async Task ProvisionAsync_DeadLetterCycle_Throws()
    {
        await using var sut = CreateSut();
        var plan = CreatePlan() with
        {
            Queues =
            [
                new QueuePlan("a", "lab-a-test", RedrivePolicy: new RedrivePolicy("b")),
                new QueuePlan("b", "lab-b-test", RedrivePolicy: new RedrivePolicy("a")),
            ],
            Topics = [],
            EventBus = null,
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sut.ProvisionAsync(plan));

        Assert.Contains("cycle", error.Message);
    }
}
