using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Tests;

/// <summary>
/// The bounded breaker's table operations, as cases run against DynamoDB Local (the reference) and against
/// <c>LocalBreakerTable</c>, so the in-process table keeps DynamoDB's behaviour.
/// </summary>
internal static class BreakerTableUpdateCases
{
    public static BreakerItem NewItem(string serviceName) => new()
    {
        ServiceName = serviceName,
        InstanceFailures = new Dictionary<string, int>(StringComparer.Ordinal),
        Version = 1,
    };

    /// <summary>Several instances adding outcomes and contributions at once: every addition lands, none is lost.</summary>
    public static async Task ConcurrentAdditionsSumExactlyAsync(IBreakerTable table, int writers, int updatesPerWriter)
    {
        Assert.True(await table.TryPutAsync(NewItem("orders"), expectedVersion: null));

        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < updatesPerWriter; i++)
            {
                var result = await table.AddCountersAsync(new BreakerCounterUpdate
                {
                    ServiceName = "orders",
                    ExpectedVersion = 1,
                    Failures = 1,
                    Successes = 2,
                    InstanceId = $"i-{writer}",
                    ContributionDelta = 1,
                    LastFailureTime = 1_700_000_000.5,
                });
                Assert.True(result.Applied);
            }
        })));

        var item = await table.GetAsync("orders");
        Assert.NotNull(item);
        Assert.Equal(writers * updatesPerWriter, item.TotalFailures);
        Assert.Equal(2L * writers * updatesPerWriter, item.TotalSuccesses);
        Assert.Equal(writers * updatesPerWriter, item.FailureCount);
        Assert.All(Enumerable.Range(0, writers), w => Assert.Equal(updatesPerWriter, item.InstanceFailures[$"i-{w}"]));
        Assert.Equal(1, item.Version);
        Assert.Equal(1_700_000_000.5, item.LastFailureTime);
    }

    /// <summary>A negative contribution change takes an instance's run of failures back off the shared count.</summary>
    public static async Task NegativeContributionSubtractsAsync(IBreakerTable table)
    {
        await table.TryPutAsync(NewItem("orders"), expectedVersion: null);
        await table.AddCountersAsync(new BreakerCounterUpdate { ServiceName = "orders", ExpectedVersion = 1, Failures = 3, InstanceId = "i-1", ContributionDelta = 3 });

        var result = await table.AddCountersAsync(new BreakerCounterUpdate { ServiceName = "orders", ExpectedVersion = 1, Successes = 1, InstanceId = "i-1", ContributionDelta = -3 });

        Assert.True(result.Applied);
        Assert.Equal((0, 0, 3L, 1L), (result.Item!.FailureCount, result.Item.InstanceFailures["i-1"], result.Item.TotalFailures, result.Item.TotalSuccesses));
    }

    /// <summary>A transition decided on a version someone else already moved past is refused with the item as it stands (ALL_OLD), and the stored item is untouched.</summary>
    public static async Task StaleTransitionIsRefusedAsync(IBreakerTable table)
    {
        await table.TryPutAsync(NewItem("orders"), expectedVersion: null);
        var open = new BreakerStateChange { ServiceName = "orders", ExpectedVersion = 1, From = "CLOSED", To = "OPEN", LastFailureTime = 1_700_000_001, UpdatedAt = 1_700_000_002 };

        var first = await table.TryChangeStateAsync(open);
        var stale = await table.TryChangeStateAsync(open with { To = "HALF_OPEN", HalfOpenCalls = 1 });
        var wrongState = await table.TryChangeStateAsync(open with { ExpectedVersion = 2 });

        Assert.True(first.Applied);
        Assert.Equal(("OPEN", 2L, 1_700_000_001.0, 1_700_000_002.0), (first.Item!.State, first.Item.Version, first.Item.LastFailureTime, first.Item.UpdatedAt));
        Assert.False(stale.Applied);
        Assert.False(wrongState.Applied);
        var stored = await table.GetAsync("orders");
        Assert.Equal(("OPEN", 2L, 0), (stored!.State, stored.Version, stored.HalfOpenCalls));
        Assert.Equal(("OPEN", 2L), (stale.Item!.State, stale.Item.Version));
    }

    /// <summary>Counter updates carry the contribution relative to a version: after a state change they are refused.</summary>
    public static async Task CountersOnStaleVersionAreRefusedAsync(IBreakerTable table)
    {
        await table.TryPutAsync(NewItem("orders"), expectedVersion: null);
        await table.TryChangeStateAsync(new BreakerStateChange { ServiceName = "orders", ExpectedVersion = 1, From = "CLOSED", To = "OPEN", UpdatedAt = 1 });

        var result = await table.AddCountersAsync(new BreakerCounterUpdate { ServiceName = "orders", ExpectedVersion = 1, Failures = 1, InstanceId = "i-1", ContributionDelta = 1 });
        var missing = await table.AddCountersAsync(new BreakerCounterUpdate { ServiceName = "nobody", ExpectedVersion = 1, Failures = 1 });

        Assert.False(result.Applied);
        Assert.False(missing.Applied);
        Assert.Null(await table.GetAsync("nobody"));
        var stored = await table.GetAsync("orders");
        Assert.Equal((0L, 0), (stored!.TotalFailures, stored.FailureCount));
    }

    /// <summary>Probe claims from many instances at once never take more than half_open_max_calls slots of a round.</summary>
    public static async Task ProbeClaimsStopAtTheLimitAsync(IBreakerTable table, int claimants)
    {
        await table.TryPutAsync(NewItem("orders"), expectedVersion: null);
        await table.TryChangeStateAsync(new BreakerStateChange { ServiceName = "orders", ExpectedVersion = 1, From = "CLOSED", To = "HALF_OPEN", HalfOpenCalls = 1, UpdatedAt = 1 });

        var results = await Task.WhenAll(Enumerable.Range(0, claimants).Select(_ => Task.Run(async () =>
            await table.AddCountersAsync(new BreakerCounterUpdate { ServiceName = "orders", ExpectedVersion = 2, ProbeClaims = 1, ProbeLimit = 3 }))));

        Assert.Equal(2, results.Count(r => r.Applied));
        Assert.Equal(3, (await table.GetAsync("orders"))!.HalfOpenCalls);
    }

    /// <summary>A close clears the windowed failure count and every contribution, and keeps the totals.</summary>
    public static async Task CloseResetsFailuresAndKeepsTotalsAsync(IBreakerTable table)
    {
        await table.TryPutAsync(NewItem("orders"), expectedVersion: null);
        await table.AddCountersAsync(new BreakerCounterUpdate { ServiceName = "orders", ExpectedVersion = 1, Failures = 4, Successes = 1, InstanceId = "i-1", ContributionDelta = 4 });
        await table.TryChangeStateAsync(new BreakerStateChange { ServiceName = "orders", ExpectedVersion = 1, From = "CLOSED", To = "HALF_OPEN", HalfOpenCalls = 1, UpdatedAt = 1 });

        var closed = await table.TryChangeStateAsync(new BreakerStateChange { ServiceName = "orders", ExpectedVersion = 2, From = "HALF_OPEN", To = "CLOSED", ResetFailures = true, UpdatedAt = 2 });

        Assert.True(closed.Applied);
        var stored = await table.GetAsync("orders");
        Assert.Equal(("CLOSED", 3L, 0, 0, 4L, 1L), (stored!.State, stored.Version, stored.FailureCount, stored.HalfOpenCalls, stored.TotalFailures, stored.TotalSuccesses));
        Assert.Empty(stored.InstanceFailures);
    }
}
