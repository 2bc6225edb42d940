using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Harness.Runs;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Tests.Runs;

public sealed class InfrastructureWatchTests
{
    private const string Endpoint = "the DynamoDB endpoint http://127.0.0.1:8000/";
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task CallAsync_NoAnswerForTwoSeconds_IsLostNamingTheEndpoint()
    {
        using var sut = new InfrastructureWatch(_time);

        await FailAsync(sut);
        _time.Advance(InfrastructureWatch.LostAfter);
        await FailAsync(sut);

        Assert.True(sut.Lost.IsCancellationRequested);
        Assert.StartsWith("infrastructure lost: the DynamoDB endpoint http://127.0.0.1:8000/ stopped answering", sut.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallAsync_AnAnswerInBetween_StartsCountingAgain()
    {
        using var sut = new InfrastructureWatch(_time);

        await FailAsync(sut);
        _time.Advance(TimeSpan.FromSeconds(1.5));
        await sut.CallAsync(Endpoint, () => ValueTask.FromResult(1));
        _time.Advance(TimeSpan.FromSeconds(1));
        await FailAsync(sut);

        Assert.False(sut.Lost.IsCancellationRequested);
        Assert.Null(sut.Reason);
    }

    [Fact]
    public async Task CallAsync_ErrorAnswers_AreAnswers()
    {
        using var sut = new InfrastructureWatch(_time);

        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<PortException>(async () => await sut.CallAsync<int>(Endpoint, () => throw new PortException("GetItem", "ServiceUnavailable", "503", isTransient: true)));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Null(sut.Reason);
    }

    private static async Task FailAsync(InfrastructureWatch watch) =>
        await Assert.ThrowsAsync<PortException>(async () => await watch.CallAsync<int>(Endpoint, () => throw new PortException("GetItem", InfrastructureWatch.NoAnswer, "GetItem failed before an answer arrived: Connection refused (127.0.0.1:8000)", isTransient: true)));
}
