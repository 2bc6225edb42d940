using System.Net;
using Microsoft.AspNetCore.Http;
using ResilienceLab.Load;
using ResilienceLab.Load.Http;

namespace ResilienceLab.Load.Tests.Http;

public class HttpLoadTestTests
{
    [Fact]
    public void PlanFor_Rate_IsAnInjectOverWarmUpAndDuration()
    {
        var plan = HttpLoadTest.PlanFor(new HttpLoadOptions(new Uri("http://127.0.0.1/"), TimeSpan.FromSeconds(10))
        {
            Rate = 500,
            WarmUp = TimeSpan.FromSeconds(2),
        });

        Assert.Equal([new Inject(500, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(12))], plan.Simulations);
        Assert.Equal(TimeSpan.FromSeconds(2), plan.WarmUp);
    }

    [Fact]
    public void PlanFor_VirtualUsers_IsKeepConstantWithAsManyConnections()
    {
        var options = new HttpLoadOptions(new Uri("http://127.0.0.1/"), TimeSpan.FromSeconds(10)) { VirtualUsers = 8 };

        Assert.Equal([new KeepConstant(8, TimeSpan.FromSeconds(10))], HttpLoadTest.PlanFor(options).Simulations);
        Assert.Equal(8, options.EffectiveConnections);
    }

    [Fact]
    public async Task RunAsync_ServerAnswers503_CountsHttp503()
    {
        var clock = FakeClock.Create();
        using var sut = new HttpLoadTest(
            new HttpLoadOptions(new Uri("http://127.0.0.1/"), TimeSpan.FromSeconds(1)) { Rate = 10 }, clock, new StatusHandler(HttpStatusCode.ServiceUnavailable));

        var result = await FakeClock.AdvanceUntilDoneAsync(clock, sut.RunAsync(), TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(2));

        Assert.Equal(10, result.Summary.Failed);
        Assert.Equal(10, result.Summary.FailedByReason["http_503"]);
    }

    [Fact]
    public void PlanFor_Http1Client_StartsInlineAndHttpClientDoesNot()
    {
        var url = new Uri("http://127.0.0.1/");

        Assert.True(HttpLoadTest.PlanFor(new HttpLoadOptions(url, TimeSpan.FromSeconds(1)) { Rate = 5 }).InlineStarts);
        Assert.False(HttpLoadTest.PlanFor(new HttpLoadOptions(url, TimeSpan.FromSeconds(1)) { Rate = 5, Client = HttpLoadClientKind.HttpClient }).InlineStarts);
        Assert.False(HttpLoadTest.PlanFor(new HttpLoadOptions(new Uri("https://127.0.0.1/"), TimeSpan.FromSeconds(1)) { Rate = 5 }).InlineStarts);
    }

    [Fact]
    public async Task RunAsync_OpenModelAgainstKestrelAnswering500_CountsEveryArrivalAsHttp500AndNothingElseReachesTheServer()
    {
        var requests = 0;
        await using var server = await LoopbackKestrel.StartAsync(context =>
        {
            Interlocked.Increment(ref requests);
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        });
        using var sut = new HttpLoadTest(new HttpLoadOptions(server.Url, TimeSpan.FromSeconds(1)) { Rate = 20, Connections = 2 }, TimeProvider.System);

        var result = await sut.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(20, result.Summary.Started);
        Assert.Equal(20, result.Summary.FailedByReason["http_500"]);
        Assert.Equal(20, Volatile.Read(ref requests)); // the engine's warm-up ran against its own server
    }

    [Fact]
    public async Task RunAsync_ClosedModelAgainstKestrel_AllOkOverAtMostTheVirtualUsersConnections()
    {
        await using var server = await LoopbackKestrel.StartAsync(context => context.Response.WriteAsync("ok"));
        using var sut = new HttpLoadTest(new HttpLoadOptions(server.Url, TimeSpan.FromMilliseconds(500)) { VirtualUsers = 3 }, TimeProvider.System);

        var result = await sut.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.Summary.Ok > 0);
        Assert.Equal(0, result.Summary.Failed);
        Assert.InRange(server.Connections, 1, 3);
    }
}
