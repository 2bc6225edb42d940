using System.Diagnostics;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Stack.Distributed;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Infrastructure.Tests.Aws;

[Trait("Category", "DynamoDbLocal")]
public sealed class DynamoDbLocalTests : IClassFixture<DynamoDbLocalFixture>
{
    private const int Workers = 8;
    private const int IncrementsPerWorker = 200;
    private readonly DynamoDbLocalFixture _fixture;

    public DynamoDbLocalTests(DynamoDbLocalFixture fixture) => _fixture = fixture;

    private static ResourcePlan Plan(string table) =>
        new("lab", "test", "us-east-1", [], [], null, new BreakerTablePlan(table));

    private static string UniqueTable() => "lab-circuit-breaker-" + Guid.NewGuid().ToString("N")[..8];

    private PlacedBackend CreateBackend(out Action dispose)
    {
        // Only the table is outside this process; queues, topics and the bus (none in a table-only plan) stay in-process.
        dispose = () => { };
        return new PlacedBackend(new AwsServiceClients { DynamoDb = _fixture.Client }, TimeProvider.System);
    }

    private async Task<DynamoDbBreakerTable> ProvisionedTableAsync()
    {
        var table = UniqueTable();
        await using var backend = CreateBackend(out var dispose);
        try
        {
            await backend.ProvisionAsync(Plan(table));
        }
        finally
        {
            dispose();
        }

        return new DynamoDbBreakerTable(_fixture.Client, table);
    }

    [DynamoDbLocalFact]
    public async Task ProvisionAsync_Twice_CreatedThenAlreadyExisted()
    {
        var table = UniqueTable();
        await using var backend = CreateBackend(out var dispose);
        try
        {
            var first = await backend.ProvisionAsync(Plan(table));
            var second = await backend.ProvisionAsync(Plan(table));

            var created = Assert.Single(first.Resources);
            Assert.Equal(("table", table, ProvisioningOutcome.Created), (created.Kind, created.Name, created.Outcome));
            Assert.Contains(table, created.Identifier, StringComparison.Ordinal);
            Assert.Equal(ProvisioningOutcome.AlreadyExisted, Assert.Single(second.Resources).Outcome);
            var description = await _fixture.Client.DescribeTableAsync(table);
            Assert.Equal("PAY_PER_REQUEST", description.Table.BillingModeSummary?.BillingMode?.Value);
            Assert.Equal("service_name", Assert.Single(description.Table.KeySchema!).AttributeName);
        }
        finally
        {
            dispose();
        }
    }

    [DynamoDbLocalFact]
    public async Task TeardownAsync_LoopbackEndpointWithoutTags_RemovesTableByName()
    {
        // DynamoDB Local accepts CreateTable's tags but cannot list them: ownership cannot be checked, and on this machine
        // (an emulator) the table is removed by name.
        var table = UniqueTable();
        await using var backend = CreateBackend(out var dispose);
        try
        {
            var provisioned = Assert.Single((await backend.ProvisionAsync(Plan(table))).Resources);
            var teardown = Assert.Single((await backend.TeardownAsync(Plan(table))).Resources);

            Assert.Equal(ProvisioningOutcome.Created, provisioned.Outcome);
            Assert.Equal(ProvisioningOutcome.Deleted, teardown.Outcome);
            Assert.Contains("no tags", teardown.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(table, (await _fixture.Client.ListTablesAsync()).TableNames ?? []);
        }
        finally
        {
            dispose();
        }
    }

    [DynamoDbLocalFact]
    public async Task InspectAsync_ExistingTableWithoutTags_AlreadyExistedOwnershipUnchecked()
    {
        var table = UniqueTable();
        await using var backend = CreateBackend(out var dispose);
        try
        {
            var missing = Assert.Single((await backend.InspectAsync(Plan(table))).Resources);
            await backend.ProvisionAsync(Plan(table));
            var existing = Assert.Single((await backend.InspectAsync(Plan(table))).Resources);

            Assert.Equal(ProvisioningOutcome.Missing, missing.Outcome);
            Assert.Equal(ProvisioningOutcome.AlreadyExisted, existing.Outcome);
            Assert.Contains("ownership not checked", existing.Detail, StringComparison.Ordinal);
        }
        finally
        {
            dispose();
        }
    }

    [DynamoDbLocalFact]
    public async Task TeardownAsync_NoTable_ReportsNotFound()
    {
        await using var backend = CreateBackend(out var dispose);
        try
        {
            var teardown = Assert.Single((await backend.TeardownAsync(Plan(UniqueTable()))).Resources);

            Assert.Equal(ProvisioningOutcome.NotFound, teardown.Outcome);
            Assert.Null(teardown.Detail);
        }
        finally
        {
            dispose();
        }
    }

    [DynamoDbLocalFact]
    public async Task TryPutAsync_ConditionalWrites_RejectStaleVersionAndDuplicateCreate()
    {
        var sut = await ProvisionedTableAsync();
        var item = new BreakerItem
        {
            ServiceName = "payments",
            State = "OPEN",
            FailureCount = 5,
            LastFailureTime = 1_700_000_000.25,
            InstanceFailures = new Dictionary<string, int> { ["i-1"] = 3, ["i-2"] = 2 },
            Version = 1,
            UpdatedAt = 1_700_000_001.5,
        };

        Assert.Null(await sut.GetAsync("payments"));
        Assert.True(await sut.TryPutAsync(item, expectedVersion: null));
        Assert.False(await sut.TryPutAsync(item, expectedVersion: null));
        Assert.True(await sut.TryPutAsync(item with { Version = 2, State = "HALF_OPEN" }, expectedVersion: 1));
        Assert.False(await sut.TryPutAsync(item with { Version = 2, State = "CLOSED" }, expectedVersion: 1));

        var stored = await sut.GetAsync("payments");
        Assert.NotNull(stored);
        Assert.Equal("HALF_OPEN", stored.State);
        Assert.Equal(2, stored.Version);
        Assert.Equal(1_700_000_000.25, stored.LastFailureTime);
        Assert.Equal(3, stored.InstanceFailures["i-1"]);
        Assert.Equal(2, stored.InstanceFailures["i-2"]);
    }

    [DynamoDbLocalFact]
    public async Task TryPutAsync_EightWorkersIncrementing_LosesNoUpdate()
    {
        var sut = await ProvisionedTableAsync();
        var conflicts = 0;
        var stopwatch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < IncrementsPerWorker; i++)
            {
                while (true)
                {
                    var current = await sut.GetAsync("orders");
                    var next = (current ?? new BreakerItem { ServiceName = "orders" }) with
                    {
                        TotalFailures = (current?.TotalFailures ?? 0) + 1,
                        TotalSuccesses = (current?.TotalSuccesses ?? 0) + 2,
                        Version = (current?.Version ?? 0) + 1,
                    };
                    if (await sut.TryPutAsync(next, current?.Version))
                    {
                        break;
                    }

                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        var final = await sut.GetAsync("orders");
        Assert.NotNull(final);
        Assert.Equal(Workers * IncrementsPerWorker, final.TotalFailures);
        Assert.Equal(2L * Workers * IncrementsPerWorker, final.TotalSuccesses);
        Assert.Equal(Workers * IncrementsPerWorker, final.Version);
        Assert.True(stopwatch.Elapsed >= TimeSpan.Zero);
    }

    [DynamoDbLocalFact]
    public async Task PlacedBackend_TableOnDynamoDbQueuesInProcess_ReleaseKeepsTheTable()
    {
        var table = UniqueTable();
        var plan = Plan(table) with
        {
            Queues = [new QueuePlan("orders", "lab-orders-test")],
        };
        await using var sut = CreateBackend(out _);

        var first = await sut.ProvisionAsync(plan);
        var second = await sut.ProvisionAsync(plan);
        await sut.GetBreakerTable().TryPutAsync(new BreakerItem { ServiceName = "orders", Version = 1 }, expectedVersion: null);
        await sut.ReleaseRunResourcesAsync(plan);

        Assert.True(sut.Placements.Sqs.IsInProcess);
        Assert.False(sut.Placements.DynamoDb.IsInProcess);
        Assert.Equal([ProvisioningOutcome.Created, ProvisioningOutcome.Created], first.Resources.Select(r => r.Outcome));
        Assert.Equal([ProvisioningOutcome.AlreadyExisted, ProvisioningOutcome.AlreadyExisted], second.Resources.Select(r => r.Outcome));
        Assert.Single(first.Resources, r => r.Kind == "table" && r.Identifier.Contains(table, StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => sut.GetQueue("orders"));
        Assert.NotNull(await new DynamoDbBreakerTable(_fixture.Client, table).GetAsync("orders"));
    }

    [DynamoDbLocalFact]
    public async Task CircuitBreakerManager_EightInstancesRecordingConcurrently_LoseNoUpdate()
    {
        const int PerInstance = 25;
        var table = await ProvisionedTableAsync();
        var managers = Enumerable.Range(0, Workers).Select(i => new CircuitBreakerManager(
            table,
            new DistributedBreakerOptions
            {
                InstanceId = $"i-{i}",
                FailureThreshold = 1_000_000,
                MaxWriteAttempts = 10_000,
                ConflictBaseDelay = TimeSpan.FromMilliseconds(1),
                ConflictMaxDelay = TimeSpan.FromMilliseconds(20),
                Mode = SharedBreakerMode.PerCall,
            },
            TimeProvider.System)).ToList();

        await Task.WhenAll(managers.Select(manager => Task.Run(async () =>
        {
            for (var i = 0; i < PerInstance; i++)
            {
                await manager.RecordFailureAsync("orders");
                await manager.RecordSuccessAsync("orders");
            }
        })));

        var item = await table.GetAsync("orders");
        Assert.NotNull(item);
        Assert.Equal(Workers * PerInstance, item.TotalFailures);
        Assert.Equal(Workers * PerInstance, item.TotalSuccesses);
        Assert.Equal(2L * Workers * PerInstance, item.Version);
        Assert.Equal(0, managers.Sum(m => m.Fallbacks));
    }

    [DynamoDbLocalFact]
    public async Task AddCountersAsync_EightInstancesConcurrently_SumExactly() =>
        await BreakerTableUpdateCases.ConcurrentAdditionsSumExactlyAsync(await ProvisionedTableAsync(), Workers, updatesPerWriter: 25);

    [DynamoDbLocalFact]
    public async Task AddCountersAsync_NegativeContribution_Subtracts() =>
        await BreakerTableUpdateCases.NegativeContributionSubtractsAsync(await ProvisionedTableAsync());

    [DynamoDbLocalFact]
    public async Task AddCountersAsync_VersionMovedOrNoItem_RefusesAndAddsNothing() =>
        await BreakerTableUpdateCases.CountersOnStaleVersionAreRefusedAsync(await ProvisionedTableAsync());

    [DynamoDbLocalFact]
    public async Task AddCountersAsync_ManyProbeClaims_StopAtHalfOpenMaxCalls() =>
        await BreakerTableUpdateCases.ProbeClaimsStopAtTheLimitAsync(await ProvisionedTableAsync(), claimants: Workers);

    [DynamoDbLocalFact]
    public async Task TryChangeStateAsync_StaleVersionOrState_Refuses() =>
        await BreakerTableUpdateCases.StaleTransitionIsRefusedAsync(await ProvisionedTableAsync());

    [DynamoDbLocalFact]
    public async Task TryChangeStateAsync_Close_ResetsFailuresAndKeepsTotals() =>
        await BreakerTableUpdateCases.CloseResetsFailuresAndKeepsTotalsAsync(await ProvisionedTableAsync());

    [DynamoDbLocalFact]
    public async Task CircuitBreakerManager_BoundedInstancesOnDynamoDbLocal_OpenTheSharedBreakerAndKeepEveryCount()
    {
        const int PerInstance = 40;
        var table = await ProvisionedTableAsync();
        var managers = Enumerable.Range(0, 3).Select(i => new CircuitBreakerManager(
            table,
            new DistributedBreakerOptions { InstanceId = $"i-{i}", FailureThreshold = 5, MinInstancesToOpen = 2, MaxContributionPerInstance = 3, RefreshInterval = TimeSpan.FromMilliseconds(200) },
            TimeProvider.System)).ToList();
        try
        {
            foreach (var manager in managers)
            {
                for (var i = 0; i < PerInstance; i++)
                {
                    await manager.RecordAsync("orders", await manager.AcquireAsync("orders"), Stack.Breaker.BreakerOutcome.Success);
                }

                await manager.SynchronizeAsync();
                await manager.SynchronizeAsync();
            }

            foreach (var manager in managers.Take(2))
            {
                for (var i = 0; i < 3; i++)
                {
                    await manager.RecordAsync("orders", Stack.Breaker.BreakerDecision.Pass, Stack.Breaker.BreakerOutcome.Failure);
                }

                await manager.SynchronizeAsync();
            }

            await managers[0].SynchronizeAsync();
            await managers[2].SynchronizeAsync();
        }
        finally
        {
            foreach (var manager in managers)
            {
                await manager.DisposeAsync();
            }
        }

        var item = await table.GetAsync("orders");
        Assert.NotNull(item);
        Assert.Equal("OPEN", item.State);
        Assert.Equal((3L * PerInstance, 6L), (item.TotalSuccesses, item.TotalFailures));
        Assert.Equal(Stack.Breaker.CircuitState.Open, managers[2].ViewState("orders"));
    }
}
