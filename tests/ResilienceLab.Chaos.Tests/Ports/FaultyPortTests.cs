using System.Diagnostics;
using ResilienceLab.Chaos.Faults;
using ResilienceLab.Chaos.Ports;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Telemetry;

namespace ResilienceLab.Chaos.Tests.Ports;

public sealed class FaultyPortTests
{
    private const int Calls = 1_000;
    private const double Rate = 0.3;

    public static TheoryData<FaultKind, string> ErrorKinds => new()
    {
        { FaultKind.ApiInternalError, "InternalError" },
        { FaultKind.ApiThrottle, "ThrottlingException" },
        { FaultKind.ApiUnavailable, "ServiceUnavailable" },
    };

    /// <summary>Every decorated operation, by target and AWS API name.</summary>
    public static TheoryData<string, string> Operations => new()
    {
        { "shipping-requests", ApiOperations.SendMessage },
        { "shipping-requests", ApiOperations.SendMessageBatch },
        { "shipping-requests", ApiOperations.ReceiveMessage },
        { "shipping-requests", ApiOperations.DeleteMessage },
        { "shipping-requests", ApiOperations.GetQueueAttributes },
        { "order-notifications", ApiOperations.Publish },
        { ApiFaultInjector.EventBusTarget, ApiOperations.PutEvents },
        { ApiFaultInjector.BreakerTableTarget, ApiOperations.GetItem },
        { ApiFaultInjector.BreakerTableTarget, ApiOperations.PutItem },
        { ApiFaultInjector.BreakerTableTarget, ApiOperations.UpdateItem },
    };

    [Theory]
    [MemberData(nameof(ErrorKinds))]
    public async Task ErrorFault_InsideWindow_FailsTheSeededShareWithTheFisErrorAndIsGoneAfterItsEnd(FaultKind kind, string errorCode)
    {
        await using var rig = ApiFaultRig.Arm(ApiFaultRig.Fault(kind, "shipping-requests", Rate));

        var before = await SendManyAsync(rig.Queue, 20);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var during = await SendManyAsync(rig.Queue, Calls);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        var after = await SendManyAsync(rig.Queue, 50);

        Assert.Empty(before);
        Assert.Equal(SeededHits.Expected(Rate, Calls), during.Count);
        Assert.All(during, e =>
        {
            Assert.Equal(errorCode, e.ErrorCode);
            Assert.Equal(ApiOperations.SendMessage, e.Operation);
            Assert.True(e.IsTransient);
            Assert.Equal(kind == FaultKind.ApiThrottle, e.IsThrottling);
        });
        Assert.Empty(after);
        Assert.Equal(during.Count, rig.Record.RequestsAffected);
        Assert.Equal(TimeSpan.FromSeconds(11), rig.Record.ActualEnd);
    }

    [Theory]
    [MemberData(nameof(ErrorKinds))]
    public async Task ErrorFault_RolledBackBeforeItsEnd_IsGoneAtOnce(FaultKind kind, string errorCode)
    {
        await using var rig = ApiFaultRig.Arm(ApiFaultRig.Fault(kind, ApiFaultInjector.EventBusTarget));
        rig.Time.Advance(TimeSpan.FromSeconds(2));
        var during = await Record(() => PutEventAsync(rig.Bus));

        rig.Schedule.RollbackAll();
        var after = await Record(() => PutEventAsync(rig.Bus));

        Assert.Equal(errorCode, during?.ErrorCode);
        Assert.Null(after);
        Assert.True(rig.Record.RolledBackEarly);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Decorator_FaultOnItsOperation_FailsThatCallWithItsAwsName(string target, string operation)
    {
        await using var rig = ApiFaultRig.Arm(ApiFaultRig.Fault(FaultKind.ApiInternalError, target, 1.0, operation));
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        var error = await Record(() => CallAsync(rig, operation));

        Assert.Equal(operation, error?.Operation);
        Assert.Equal("InternalError", error?.ErrorCode);
    }

    [Fact]
    public async Task BreakerTableStateChange_FaultOnUpdateItem_FailsAsUpdateItemAndLeavesGetItemAlone()
    {
        await using var rig = ApiFaultRig.Arm(ApiFaultRig.Fault(FaultKind.ApiUnavailable, ApiFaultInjector.BreakerTableTarget, 1.0, ApiOperations.UpdateItem));
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        var error = await Record(() => rig.Table.TryChangeStateAsync(new BreakerStateChange { ServiceName = "payment", ExpectedVersion = 1, From = "CLOSED", To = "OPEN", UpdatedAt = 1 }).AsTask());

        Assert.Equal((ApiOperations.UpdateItem, "ServiceUnavailable"), (error?.Operation, error?.ErrorCode));
        Assert.Null(await Record(() => CallAsync(rig, ApiOperations.GetItem)));
    }

    [Fact]
    public async Task ErrorFault_FilteredByOperation_LeavesOtherOperationsAlone()
    {
        var spec = ApiFaultRig.Fault(FaultKind.ApiThrottle, "shipping-requests", Rate, ApiOperations.ReceiveMessage);
        await using var rig = ApiFaultRig.Arm(spec);
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        var sends = await SendManyAsync(rig.Queue, 100);
        var receives = 0;
        for (var i = 0; i < Calls; i++)
        {
            receives += await Record(() => CallAsync(rig, ApiOperations.ReceiveMessage)) is null ? 0 : 1;
        }

        Assert.Empty(sends);
        Assert.Equal(SeededHits.Expected(Rate, Calls), receives);
    }

    [Fact]
    public async Task ErrorFault_OnAnotherResource_LeavesThisOneAlone()
    {
        await using var rig = ApiFaultRig.Arm(ApiFaultRig.Fault(FaultKind.ApiUnavailable, ApiFaultInjector.BreakerTableTarget));
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Empty(await SendManyAsync(rig.Queue, 20));
        Assert.NotNull(await Record(() => CallAsync(rig, ApiOperations.GetItem)));
    }

    [Fact]
    public async Task ApiLatency_InsideWindow_DelaysTheSeededShareUntilTheClockAdvances()
    {
        var spec = ApiFaultRig.Fault(FaultKind.ApiLatency, ApiFaultInjector.BreakerTableTarget, Rate) with { Delay = TimeSpan.FromSeconds(2) };
        await using var rig = ApiFaultRig.Arm(spec);
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        var calls = Enumerable.Range(0, 200).Select(_ => rig.Table.GetAsync("payment").AsTask()).ToList();
        var held = calls.Count(c => !c.IsCompleted);
        rig.Time.Advance(TimeSpan.FromSeconds(2));
        await Task.WhenAll(calls);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        var after = rig.Table.GetAsync("payment");

        Assert.Equal(SeededHits.Expected(Rate, 200), held);
        Assert.True(after.IsCompleted);
        Assert.Equal(held, rig.Record.RequestsAffected);
    }

    [Fact]
    public async Task ApiLatency_RolledBack_ReleasesHeldCalls()
    {
        var spec = ApiFaultRig.Fault(FaultKind.ApiLatency, "order-notifications") with { Delay = TimeSpan.FromMinutes(5) };
        await using var rig = ApiFaultRig.Arm(spec);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var publish = rig.Topic.PublishAsync("{}").AsTask();
        Assert.False(publish.IsCompleted);

        rig.Schedule.RollbackAll();

        Assert.NotEmpty(await publish);
    }

    [Fact]
    public void Schedule_ApiFaultOnUnknownResource_ListsTheKnownOnes()
    {
        var injector = new ApiFaultInjector(TimeProvider.System);
        injector.Register("orders");
        var spec = ApiFaultRig.Fault(FaultKind.ApiThrottle, "ordres");

        var error = Assert.Throws<ArgumentException>(() => new FaultSchedule([spec], new FaultTargets().Add(injector), TimeProvider.System, 0, 1));

        Assert.Contains("unknown resource 'ordres'", error.Message, StringComparison.Ordinal);
        Assert.Contains("orders", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<PortException>> SendManyAsync(IMessageQueue queue, int count)
    {
        var errors = new List<PortException>();
        for (var i = 0; i < count; i++)
        {
            if (await Record(() => queue.SendAsync(new OutgoingMessage($"{{\"n\":{i}}}")).AsTask()) is { } error)
            {
                errors.Add(error);
            }
        }

        return errors;
    }

    [Fact]
    public async Task Injector_FaultHitsACallInsideAnAttemptSpan_RecordsTheFaultAsAnEventOnIt()
    {
        await using var rig = ApiFaultRig.Arm(ApiFaultRig.Fault(FaultKind.ApiThrottle, ApiFaultInjector.EventBusTarget));
        rig.Time.Advance(TimeSpan.FromSeconds(2));
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == StackActivities.SourceName,
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        Activity? span;
        using (span = StackActivities.StartAttempt("order-service", 1, probe: false))
        {
            await Record(() => PutEventAsync(rig.Bus));
        }

        var hit = Assert.Single(span!.Events);
        Assert.Equal(StackActivities.FaultInjectedEvent, hit.Name);
        Assert.Equal(
            [("resiliencelab.fault.name", "api-fault"), ("resiliencelab.fault.kind", "api_throttle"), ("resiliencelab.fault.target", "event-bus"), ("resiliencelab.fault.operation", "PutEvents")],
            hit.Tags.Select(t => (t.Key, (string)t.Value!)));
    }

    private static async Task<PortException?> Record(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (PortException ex)
        {
            return ex;
        }
    }

    private static Task PutEventAsync(IEventBus bus) =>
        bus.PutEventsAsync([new EventEntry("order-service", "OrderPlaced", "{}", bus.Name)]).AsTask();

    private static Task CallAsync(ApiFaultRig rig, string operation) => operation switch
    {
        ApiOperations.SendMessage => rig.Queue.SendAsync(new OutgoingMessage("{}")).AsTask(),
        ApiOperations.SendMessageBatch => rig.Queue.SendBatchAsync([new OutgoingMessage("{}")]).AsTask(),
        ApiOperations.ReceiveMessage => rig.Queue.ReceiveAsync(1, TimeSpan.Zero).AsTask(),
        ApiOperations.DeleteMessage => rig.Queue.DeleteAsync("stale-handle").AsTask(),
        ApiOperations.GetQueueAttributes => rig.Queue.GetDepthAsync().AsTask(),
        ApiOperations.Publish => rig.Topic.PublishAsync("{}").AsTask(),
        ApiOperations.PutEvents => PutEventAsync(rig.Bus),
        ApiOperations.GetItem => rig.Table.GetAsync("payment").AsTask(),
        ApiOperations.PutItem => rig.Table.TryPutAsync(new BreakerItem { ServiceName = "payment", Version = 1 }, null).AsTask(),
        ApiOperations.UpdateItem => rig.Table.AddCountersAsync(new BreakerCounterUpdate { ServiceName = "payment", ExpectedVersion = 1, Failures = 1 }).AsTask(),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}
