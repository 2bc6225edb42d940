using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Chaos.Dependencies;
using ResilienceLab.Chaos.Faults;

namespace ResilienceLab.Chaos.Tests.Dependencies;

/// <summary>One dependency server with one scheduled fault on a fake clock, and a client for it.</summary>
internal sealed class HttpFaultRig : IDisposable
{
    public const int Seed = SeededHits.Seed;

    private readonly SocketsHttpHandler _handler = new() { UseProxy = false };

    private HttpFaultRig(FaultSpec spec)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var origin = Time.GetTimestamp();
        Server = DependencyServer.Start(spec.Target, Time, origin);
        Schedule = new FaultSchedule([spec], new Dictionary<string, DependencyServer> { [spec.Target] = Server }, Time, origin, Seed);
        Http = new HttpClient(_handler);
    }

    public FakeTimeProvider Time { get; }

    public DependencyServer Server { get; }

    public FaultSchedule Schedule { get; }

    public HttpClient Http { get; }

    /// <summary>A fault on <c>payment</c> from 1 s to 11 s.</summary>
    public static FaultSpec Fault(FaultKind kind, double rate = 1.0) => new()
    {
        Name = "fault",
        Kind = kind,
        Target = "payment",
        Start = TimeSpan.FromSeconds(1),
        Duration = TimeSpan.FromSeconds(10),
        Rate = rate,
    };

    public static HttpFaultRig Arm(FaultSpec spec)
    {
        var rig = new HttpFaultRig(spec);
        rig.Schedule.Arm();
        return rig;
    }

    public static int ExpectedHits(double rate, int requests, int drawsPerHit = 0) => SeededHits.Expected(rate, requests, drawsPerHit);

    public async Task<IReadOnlyList<HttpOutcome>> SendSequentialAsync(int count, bool closeConnection = false)
    {
        var outcomes = new List<HttpOutcome>(count);
        for (var i = 0; i < count; i++)
        {
            outcomes.Add(await HttpOutcome.SendAsync(Http, Server.Endpoint, closeConnection));
        }

        return outcomes;
    }

    public Task<HttpOutcome[]> StartConcurrent(int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() => HttpOutcome.SendAsync(Http, Server.Endpoint))));

    /// <summary>Waits (bounded, on the real clock) until <paramref name="condition"/> holds; the fake clock does not move.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 2_000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        Assert.True(condition(), "condition not reached");
    }

    /// <summary>Advances the fake clock in steps until every request of <paramref name="requests"/> has an answer.</summary>
    public async Task<HttpOutcome[]> AdvanceUntilDoneAsync(Task<HttpOutcome[]> requests, TimeSpan step)
    {
        for (var i = 0; i < 10_000 && !requests.IsCompleted; i++)
        {
            Time.Advance(step);
            await Task.WhenAny(requests, Task.Delay(2));
        }

        return await requests;
    }

    public FaultRecord Record => Schedule.Records().Single();

    public void Dispose()
    {
        Schedule.Dispose();
        Http.Dispose();
        _handler.Dispose();
        Server.Dispose();
    }
}
