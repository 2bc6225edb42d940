using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Infrastructure.Tests.Aws;

public sealed class QueueDriftTests
{
    private static readonly QueuePlan Planned = new("orders", "lab-orders-test", VisibilityTimeoutSeconds: 2, MessageRetentionSeconds: 3600, RedrivePolicy: new RedrivePolicy("orders-dlq", 3));

    private static Dictionary<string, string> Attributes(string? redrive, string visibility = "2", string retention = "3600")
    {
        var attributes = new Dictionary<string, string>
        {
            ["QueueArn"] = "arn:aws:sqs:us-east-1:000000000000:lab-orders-test",
            ["VisibilityTimeout"] = visibility,
            ["MessageRetentionPeriod"] = retention,
        };
        if (redrive is not null)
        {
            attributes["RedrivePolicy"] = redrive;
        }

        return attributes;
    }

    [Theory]
    [InlineData("""{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:lab-orders-dlq-test","maxReceiveCount":3}""")]
    [InlineData("""{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:000000000000:lab-orders-dlq-test","maxReceiveCount":"3"}""")]
    public void Compare_AsPlanned_NoDifference(string redrive)
    {
        Assert.Empty(QueueDrift.Compare(Planned, "lab-orders-dlq-test", Attributes(redrive)));
    }

    [Fact]
    public void Compare_NoRedrivePolicy_NamesTheMissingRedrive()
    {
        var difference = Assert.Single(QueueDrift.Compare(Planned, "lab-orders-dlq-test", Attributes(null)));

        Assert.Equal("RedrivePolicy: expected redrive to lab-orders-dlq-test after 3 receives, found none", difference.ToString());
    }

    [Fact]
    public void Compare_OtherTargetAndCountAndSettings_NamesEveryField()
    {
        var differences = QueueDrift.Compare(
            Planned, "lab-orders-dlq-test", Attributes("""{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:0:elsewhere","maxReceiveCount":5}""", visibility: "30", retention: "345600"));

        Assert.Equal(
            ["VisibilityTimeout", "MessageRetentionPeriod", "RedrivePolicy.deadLetterTargetArn", "RedrivePolicy.maxReceiveCount"],
            differences.Select(d => d.Field));
        Assert.Equal(new ResourceDifference("VisibilityTimeout", "2", "30"), differences[0]);
        Assert.Equal(new ResourceDifference("RedrivePolicy.maxReceiveCount", "3", "5"), differences[3]);
    }

    [Fact]
    public void Compare_RedriveWhereThePlanHasNone_IsADifference()
    {
        var difference = Assert.Single(QueueDrift.Compare(
            Planned with { RedrivePolicy = null }, null, Attributes("""{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:0:lab-orders-dlq-test","maxReceiveCount":3}""")));

        Assert.Equal("RedrivePolicy", difference.Field);
        Assert.Equal("none", difference.Expected);
    }
}
