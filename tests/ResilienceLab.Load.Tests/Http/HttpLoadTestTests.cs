using System.Net;
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
}
