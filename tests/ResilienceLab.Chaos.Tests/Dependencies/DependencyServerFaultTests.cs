using ResilienceLab.Chaos.Faults;

namespace ResilienceLab.Chaos.Tests.Dependencies;

public sealed class DependencyServerFaultTests
{
    private const int Requests = 200;
    private const double Rate = 0.3;

    public static TheoryData<FaultKind> ResponseFaults => [FaultKind.HttpError, FaultKind.HttpEmptyResponse, FaultKind.HttpMalformedChunk, FaultKind.HttpConnectionReset];

    [Theory]
    [MemberData(nameof(ResponseFaults))]
    public async Task ResponseFault_InsideWindow_HitsTheSeededShareAndIsGoneAfterItsEnd(FaultKind kind)
    {
        using var rig = HttpFaultRig.Arm(HttpFaultRig.Fault(kind, Rate));
        var expected = HttpFaultRig.ExpectedHits(Rate, Requests);

        var before = await rig.SendSequentialAsync(20, closeConnection: true);
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var during = await rig.SendSequentialAsync(Requests, closeConnection: true);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        var after = await rig.SendSequentialAsync(50, closeConnection: true);

        Assert.All(before, o => AssertHealthy(o));
        Assert.Equal(expected, during.Count(o => IsHitBy(kind, o)));
        Assert.Equal(Requests - expected, during.Count(o => IsHealthy(o)));
        Assert.All(after, o => AssertHealthy(o));
        Assert.Equal(expected, rig.Record.RequestsAffected);
        Assert.Equal(TimeSpan.FromSeconds(1), rig.Record.ActualStart);
        Assert.Equal(TimeSpan.FromSeconds(11), rig.Record.ActualEnd);
        Assert.False(rig.Record.RolledBackEarly);
    }

    [Theory]
    [MemberData(nameof(ResponseFaults))]
    public async Task ResponseFault_RolledBackBeforeItsEnd_IsGoneAtOnce(FaultKind kind)
    {
        using var rig = HttpFaultRig.Arm(HttpFaultRig.Fault(kind));
        rig.Time.Advance(TimeSpan.FromSeconds(2));
        var during = await rig.SendSequentialAsync(10, closeConnection: true);

        rig.Schedule.RollbackAll();
        var after = await rig.SendSequentialAsync(20, closeConnection: true);

        Assert.All(during, o => Assert.True(IsHitBy(kind, o)));
        Assert.All(after, o => AssertHealthy(o));
        Assert.True(rig.Record.RolledBackEarly);
        Assert.Equal(TimeSpan.FromSeconds(2), rig.Record.ActualEnd);
        Assert.Empty(rig.Schedule.Active());
    }

    [Fact]
    public async Task HttpError_Throttling_Answers429WithRetryAfter()
    {
        using var rig = HttpFaultRig.Arm(HttpFaultRig.Fault(FaultKind.HttpError) with { Status = 429, RetryAfter = TimeSpan.FromSeconds(2) });
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        using var response = await rig.Http.GetAsync(rig.Server.Endpoint);

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task HttpConnectionReset_OnPooledConnections_ResetsTheSeededShareOfArrivals()
    {
        // Keep-alive: the decision is still per request; HttpClient may resend a request whose reused connection was reset.
        using var rig = HttpFaultRig.Arm(HttpFaultRig.Fault(FaultKind.HttpConnectionReset, Rate));
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        var during = await rig.SendSequentialAsync(Requests);

        var arrivals = (int)rig.Server.RequestsReceived;
        Assert.Equal(HttpFaultRig.ExpectedHits(Rate, arrivals), rig.Record.RequestsAffected);
        Assert.Equal(Requests, during.Count(o => o.Failed) + during.Count(o => IsHealthy(o)));
        Assert.Contains(during, o => o.IsReset);
    }

    [Fact]
    public async Task HttpDelay_InsideWindow_HoldsTheSeededShareUntilTheClockAdvances()
    {
        using var rig = HttpFaultRig.Arm(HttpFaultRig.Fault(FaultKind.HttpDelay, Rate) with { Delay = TimeSpan.FromMilliseconds(300) });
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        var requests = rig.StartConcurrent(Requests);
        var expected = HttpFaultRig.ExpectedHits(Rate, Requests);
        await HttpFaultRig.WaitUntilAsync(() => rig.Server.RequestsReceived == Requests);
        var outcomes = await rig.AdvanceUntilDoneAsync(requests, TimeSpan.FromMilliseconds(100));

        Assert.Equal(expected, outcomes.Count(o => o.Status == 200 && o.Fault == "fault"));
        Assert.All(outcomes, o => Assert.Equal(200, o.Status));
        await AssertGoneAfterEndAsync(rig);
    }

    [Fact]
    public async Task HttpDelayUniform_InsideWindow_DelaysTheSeededShareWithinBounds()
    {
        var spec = HttpFaultRig.Fault(FaultKind.HttpDelayUniform, Rate) with { DelayMin = TimeSpan.FromMilliseconds(100), DelayMax = TimeSpan.FromMilliseconds(400) };
        using var rig = HttpFaultRig.Arm(spec);
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        var requests = rig.StartConcurrent(Requests);
        await HttpFaultRig.WaitUntilAsync(() => rig.Server.RequestsReceived == Requests);
        var outcomes = await rig.AdvanceUntilDoneAsync(requests, TimeSpan.FromMilliseconds(50));

        Assert.Equal(HttpFaultRig.ExpectedHits(Rate, Requests, drawsPerHit: 1), outcomes.Count(o => o.Fault == "fault"));
        await AssertGoneAfterEndAsync(rig);
    }

    [Fact]
    public async Task HttpDelayLognormal_InsideWindow_DelaysTheSeededShare()
    {
        var spec = HttpFaultRig.Fault(FaultKind.HttpDelayLognormal, Rate) with { Median = TimeSpan.FromMilliseconds(100), Sigma = 0.8, DelayMax = TimeSpan.FromSeconds(1) };
        using var rig = HttpFaultRig.Arm(spec);
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        var requests = rig.StartConcurrent(Requests);
        await HttpFaultRig.WaitUntilAsync(() => rig.Server.RequestsReceived == Requests);
        var outcomes = await rig.AdvanceUntilDoneAsync(requests, TimeSpan.FromMilliseconds(100));

        Assert.Equal(HttpFaultRig.ExpectedHits(Rate, Requests, drawsPerHit: 2), outcomes.Count(o => o.Fault == "fault"));
        await AssertGoneAfterEndAsync(rig);
    }

    [Fact]
    public async Task HttpDelay_RolledBack_ReleasesHeldRequestsAtOnce()
    {
        using var rig = HttpFaultRig.Arm(HttpFaultRig.Fault(FaultKind.HttpDelay) with { Delay = TimeSpan.FromMinutes(5) });
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var requests = rig.StartConcurrent(10);
        await HttpFaultRig.WaitUntilAsync(() => rig.Server.RequestsReceived == 10);
        Assert.False(requests.IsCompleted);

        rig.Schedule.RollbackAll();
        var outcomes = await requests;

        Assert.All(outcomes, o => Assert.Equal(200, o.Status));
        Assert.True(rig.Record.RolledBackEarly);
    }

    [Fact]
    public async Task HttpBlackhole_InsideWindow_HoldsTheSeededShareUntilTheFaultEndsThenAnswers504()
    {
        const int count = 100;
        using var rig = HttpFaultRig.Arm(HttpFaultRig.Fault(FaultKind.HttpBlackhole, Rate));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var expected = HttpFaultRig.ExpectedHits(Rate, count);

        var requests = rig.StartConcurrent(count);
        await HttpFaultRig.WaitUntilAsync(() => rig.Server.RequestsReceived == count && rig.Record.RequestsAffected == expected);
        Assert.False(requests.IsCompleted);

        rig.Time.Advance(TimeSpan.FromSeconds(10));
        var outcomes = await requests;

        Assert.Equal(expected, outcomes.Count(o => o.Status == 504));
        Assert.Equal(count - expected, outcomes.Count(o => o.Status == 200));
        await AssertGoneAfterEndAsync(rig, advance: false);
    }

    [Fact]
    public async Task HttpBlackhole_RolledBack_ReleasesHeldRequestsPromptly()
    {
        using var rig = HttpFaultRig.Arm(HttpFaultRig.Fault(FaultKind.HttpBlackhole));
        rig.Time.Advance(TimeSpan.FromSeconds(1));
        var requests = rig.StartConcurrent(5);
        await HttpFaultRig.WaitUntilAsync(() => rig.Server.RequestsReceived == 5);
        Assert.False(requests.IsCompleted);

        rig.Schedule.RollbackAll();
        var outcomes = await requests;

        Assert.All(outcomes, o => Assert.Equal(504, o.Status));
        var after = await rig.SendSequentialAsync(5);
        Assert.All(after, o => AssertHealthy(o));
    }

    [Fact]
    public async Task HttpFlapping_InsideWindow_HitsOnlyInTheFirstHalfOfEachPeriod()
    {
        var spec = HttpFaultRig.Fault(FaultKind.HttpFlapping, Rate) with { Period = TimeSpan.FromSeconds(4) };
        using var rig = HttpFaultRig.Arm(spec);

        rig.Time.Advance(TimeSpan.FromSeconds(1)); // on: 0-2 s into the fault
        var firstOn = await rig.SendSequentialAsync(Requests);
        rig.Time.Advance(TimeSpan.FromSeconds(2)); // off: 2-4 s
        var off = await rig.SendSequentialAsync(50);
        rig.Time.Advance(TimeSpan.FromSeconds(2)); // on again: 4-6 s
        var secondOn = await rig.SendSequentialAsync(Requests);

        var expectedTotal = HttpFaultRig.ExpectedHits(Rate, 2 * Requests);
        var expectedFirst = HttpFaultRig.ExpectedHits(Rate, Requests);
        Assert.Equal(expectedFirst, firstOn.Count(o => o.Status == 503));
        Assert.All(off, o => AssertHealthy(o));
        Assert.Equal(expectedTotal - expectedFirst, secondOn.Count(o => o.Status == 503));
        await AssertGoneAfterEndAsync(rig);
    }

    [Fact]
    public async Task HttpFirstN_InsideWindow_FailsTheFirstNThenRecovers()
    {
        using var rig = HttpFaultRig.Arm(HttpFaultRig.Fault(FaultKind.HttpFirstN) with { FirstN = 7, Status = 500 });
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        var outcomes = await rig.SendSequentialAsync(30);

        Assert.All(outcomes.Take(7), o => Assert.Equal(500, o.Status));
        Assert.All(outcomes.Skip(7), o => AssertHealthy(o));
        Assert.Equal(7, rig.Record.RequestsAffected);
        await AssertGoneAfterEndAsync(rig);
    }

    [Fact]
    public async Task HttpFirstN_WithARate_CountsOnlyHits()
    {
        using var rig = HttpFaultRig.Arm(HttpFaultRig.Fault(FaultKind.HttpFirstN, 0.5) with { FirstN = 20 });
        rig.Time.Advance(TimeSpan.FromSeconds(1));

        var outcomes = await rig.SendSequentialAsync(Requests);

        Assert.Equal(20, outcomes.Count(o => o.Status == 503));
        Assert.Equal(20, rig.Record.RequestsAffected);
    }

    private static async Task AssertGoneAfterEndAsync(HttpFaultRig rig, bool advance = true)
    {
        if (advance)
        {
            rig.Time.Advance(TimeSpan.FromSeconds(11)); // past the end wherever the test left the clock
        }

        Assert.Empty(rig.Schedule.Active());
        var after = await rig.SendSequentialAsync(30);
        Assert.All(after, o => AssertHealthy(o));
        Assert.NotNull(rig.Record.ActualEnd);
    }

    private static bool IsHealthy(HttpOutcome o) => o.Status == 200 && o.Fault is null && o.IsJson;

    private static void AssertHealthy(HttpOutcome o) => Assert.True(IsHealthy(o), $"expected a healthy answer, got {o}");

    private static bool IsHitBy(FaultKind kind, HttpOutcome o) => kind switch
    {
        FaultKind.HttpError => o.Status == 503 && o.Fault == "fault",
        FaultKind.HttpEmptyResponse => o.Status == 200 && o.Body.Length == 0 && !o.IsJson,
        FaultKind.HttpMalformedChunk => o.Status == 200 && o.Body.Length > 0 && !o.IsJson,
        FaultKind.HttpConnectionReset => o.IsReset,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
