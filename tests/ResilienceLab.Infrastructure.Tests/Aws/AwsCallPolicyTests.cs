using Amazon.SQS;
using Microsoft.Extensions.Time.Testing;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Stack.Ports;
using ResilienceLab.Tests.Shared;

namespace ResilienceLab.Infrastructure.Tests.Aws;

public sealed class AwsCallPolicyTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly SilentEndpoint _silent = new();

    private Uri SilentEndpoint => _silent.Url;

    public void Dispose() => _silent.Dispose();

    private static readonly DateTimeOffset Start = new FakeTimeProvider().GetUtcNow();

    private AwsCallPolicy CreateSut(int retries = 2) => new("the SQS endpoint http://x/", TimeSpan.FromSeconds(2), retries, _time);

    [Fact]
    public async Task ExecuteAsync_TransientFailuresThenSuccess_RetriesAfterBackoff()
    {
        var attempts = 0;
        var sut = CreateSut();

        var call = sut.ExecuteAsync("SendMessage", _ => ++attempts < 3
            ? Task.FromException<int>(new PortException("SendMessage", "InternalError", "boom", isTransient: true))
            : Task.FromResult(attempts), CancellationToken.None);
        await AdvanceUntilDoneAsync(call);

        Assert.Equal(3, await call);
        Assert.True(_time.GetUtcNow() - Start >= TimeSpan.FromMilliseconds(300), "two pauses: 100 ms, then 200 ms");
    }

    [Fact]
    public async Task ExecuteAsync_TransientFailureEveryTime_GivesUpAfterMaxRetriesSayingHowManyAttempts()
    {
        var attempts = 0;
        var sut = CreateSut(retries: 1);

        var call = sut.ExecuteAsync<int>("SendMessage", _ =>
        {
            attempts++;
            throw new PortException("SendMessage", "ThrottlingException", "slow down", isTransient: true);
        }, CancellationToken.None);
        await AdvanceUntilDoneAsync(call);
        var exception = await Assert.ThrowsAsync<PortException>(() => call);

        Assert.Equal(2, attempts);
        Assert.Equal("ThrottlingException", exception.ErrorCode);
        Assert.EndsWith("(2 attempts)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_SendersFault_IsNotRetried()
    {
        var attempts = 0;

        var exception = await Assert.ThrowsAsync<PortException>(() => CreateSut().ExecuteAsync<int>("CreateQueue", _ =>
        {
            attempts++;
            throw new PortException("CreateQueue", "InvalidAttributeValue", "bad", isTransient: false);
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.Equal("InvalidAttributeValue", exception.ErrorCode);
    }

    [Fact]
    public async Task ExecuteAsync_NoAnswerWithinTimeout_FailsAsNoAnswerNamingTheEndpoint()
    {
        var sut = CreateSut(retries: 0);

        var call = sut.ExecuteAsync("GetQueueUrl", token => Task.Delay(Timeout.InfiniteTimeSpan, token).ContinueWith(_ => 1, token), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        var exception = await Assert.ThrowsAsync<PortException>(() => call);

        Assert.Equal(AwsCallPolicy.NoAnswer, exception.ErrorCode);
        Assert.Equal("GetQueueUrl failed: no answer from the SQS endpoint http://x/ within 2 s", exception.Message);
        Assert.True(exception.IsTransient);
    }

    [Fact]
    public async Task ExecuteAsync_LongPoll_WaitsItsWaitTimeOnTopOfTheTimeout()
    {
        var sut = CreateSut(retries: 0);

        var call = sut.ExecuteAsync("ReceiveMessage", token => Task.Delay(Timeout.InfiniteTimeSpan, token).ContinueWith(_ => 1, token), CancellationToken.None, TimeSpan.FromSeconds(20));
        _time.Advance(TimeSpan.FromSeconds(21));
        Assert.False(call.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(AwsCallPolicy.NoAnswer, (await Assert.ThrowsAsync<PortException>(() => call)).ErrorCode);
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancels_ThrowsCancellationNotPortException()
    {
        using var cancel = new CancellationTokenSource();

        var call = CreateSut().ExecuteAsync("ReceiveMessage", token => Task.Delay(Timeout.InfiniteTimeSpan, token).ContinueWith(_ => 1, token), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public void Budget_ThreeAttemptsOfTwoSeconds_IsSixSecondsAndThePauses()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(6_300), CreateSut().Budget());
        Assert.Equal(TimeSpan.FromSeconds(3), CreateSut(retries: 0).Budget(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task SqsMessageQueue_EndpointAcceptsAndNeverAnswers_FailsAsNoAnswerNamingTheEndpoint()
    {
        var options = new Infrastructure.Aws.AwsEndpointOptions { SqsServiceUrl = SilentEndpoint, CallTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 1 };
        using var client = new AmazonSQSClient(AwsTestClients.Credentials, options.CreateSqsConfig());
        var sut = new SqsMessageQueue(client, "orders", SilentEndpoint + "000000000000/orders", options.SqsPolicy(TimeProvider.System));

        var exception = await Assert.ThrowsAsync<PortException>(async () => await sut.SendAsync(new OutgoingMessage("hello")));

        Assert.Equal(AwsCallPolicy.NoAnswer, exception.ErrorCode);
        Assert.Contains($"no answer from the SQS endpoint {SilentEndpoint} within 0.2 s (2 attempts)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnsClient_EndpointAcceptsAndNeverAnswers_FailsAsNoAnswerNamingTheEndpoint()
    {
        var options = new Infrastructure.Aws.AwsEndpointOptions { SnsServiceUrl = SilentEndpoint, CallTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 0 };
        using var sut = SnsClient.Create(options, TimeProvider.System);

        var exception = await Assert.ThrowsAsync<PortException>(() => sut.ListTopicsAsync());

        Assert.Equal(AwsCallPolicy.NoAnswer, exception.ErrorCode);
        Assert.Contains($"the SNS endpoint {SilentEndpoint}", exception.Message, StringComparison.Ordinal);
    }

    // The pauses between attempts run on the fake clock: move it on in small steps until the call is done.
    private async Task AdvanceUntilDoneAsync(Task call)
    {
        for (var i = 0; i < 1000 && !call.IsCompleted; i++)
        {
            await Task.Delay(1);
            if (!call.IsCompleted)
            {
                _time.Advance(TimeSpan.FromMilliseconds(50));
            }
        }
    }
}
