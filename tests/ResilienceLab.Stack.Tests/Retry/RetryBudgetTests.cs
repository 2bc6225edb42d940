using ResilienceLab.Stack.Retry;

namespace ResilienceLab.Stack.Tests.Retry;

public sealed class RetryBudgetTests
{
    [Fact]
    public void TryWithdraw_FreshBudget_AllowsMaxTokensRetries()
    {
        var sut = new RetryBudget(new RetryBudgetOptions { MaxTokens = 10, RetryRatio = 0.1 });

        var allowed = Enumerable.Range(0, 20).Count(_ => sut.TryWithdraw());

        Assert.Equal(10, allowed);
    }

    [Fact]
    public void Deposit_TenCallsAtRatioOneTenth_EarnExactlyOneRetry()
    {
        var sut = new RetryBudget(new RetryBudgetOptions { MaxTokens = 1, RetryRatio = 0.1 });
        Assert.True(sut.TryWithdraw());
        Assert.False(sut.TryWithdraw());

        for (var i = 0; i < 10; i++)
        {
            sut.Deposit();
        }

        Assert.True(sut.TryWithdraw());
        Assert.False(sut.TryWithdraw());
    }

    [Fact]
    public void Deposit_BeyondMaxTokens_IsCapped()
    {
        var sut = new RetryBudget(new RetryBudgetOptions { MaxTokens = 2, RetryRatio = 1 });

        sut.Deposit();
        sut.Deposit();

        Assert.Equal(2, sut.Tokens);
    }
}
