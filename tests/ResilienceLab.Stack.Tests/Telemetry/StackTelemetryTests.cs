using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Stack.Bulkheads;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Stack.Telemetry;
using ResilienceLab.Stack.Tests.Fakes;

namespace ResilienceLab.Stack.Tests.Telemetry;

public sealed class StackTelemetryTests
{
    [Fact]
    public void ObserveQueueDepth_Collected_ReportsVisibleAndInFlight()
    {
        using var sut = new StackTelemetry();
        using var metrics = new RecordedMeasurements(sut);
        sut.ObserveQueueDepth("orders", () => new QueueDepth(7, 2));

        metrics.Collect();

        Assert.Equal(7, metrics.Sum(StackInstruments.QueueDepth, ("queue", "orders"), ("state", "visible")));
        Assert.Equal(2, metrics.Sum(StackInstruments.QueueDepth, ("queue", "orders"), ("state", "in_flight")));
    }

    [Fact]
    public async Task Observe_Bulkhead_ReportsActiveSlots()
    {
        using var sut = new StackTelemetry();
        using var metrics = new RecordedMeasurements(sut);
        var bulkhead = new Bulkhead("payments", new BulkheadOptions { MaxConcurrency = 2 });
        sut.Observe(bulkhead);
        using var lease = await bulkhead.AcquireAsync();

        metrics.Collect();

        Assert.Equal(1, metrics.Sum(StackInstruments.BulkheadInUse, ("service", "payments"), ("state", "active")));
    }

    [Fact]
    public void BreakerChanged_FromObservedBreaker_CountsAndRaisesEvent()
    {
        using var sut = new StackTelemetry();
        using var metrics = new RecordedMeasurements(sut);
        var breaker = new ResilienceLab.Stack.Breaker.CircuitBreaker("orders", new() { FailureThreshold = 1 }, new FakeTimeProvider());
        sut.Observe(breaker);
        var seen = new List<ResilienceLab.Stack.Breaker.BreakerTransition>();
        sut.BreakerTransitioned += seen.Add;

        breaker.RecordFailure(breaker.Acquire());

        Assert.Single(seen);
        Assert.Equal(1, metrics.Sum(StackInstruments.BreakerTransitions, ("service", "orders"), ("from", "Closed"), ("to", "Open")));
    }
}
