using System.Text.Json;
using ResilienceLab.Infrastructure.Aws;

namespace ResilienceLab.Infrastructure.Tests.Aws;

public sealed class FisTemplateWriterTests
{
    private static FisTemplateWriter CreateSut() =>
        new("breaker-storm game day", new Dictionary<string, string> { ["Project"] = "lab" });

    [Fact]
    public void Write_DynamoDbNetworkDisruption_HasEveryFieldTheCliInputNeeds()
    {
        var template = CreateSut().Write([new FisFaultRequest("network-disruption", "dynamodb", TimeSpan.FromMinutes(5))]);

        Assert.Equal(1, template.ActionCount);
        Assert.Empty(template.Unsupported);
        var root = JsonDocument.Parse(template.Json!).RootElement;
        Assert.Equal("breaker-storm game day", root.GetProperty("description").GetString());
        Assert.StartsWith("arn:aws:iam::", root.GetProperty("roleArn").GetString(), StringComparison.Ordinal);
        Assert.Equal("none", root.GetProperty("stopConditions")[0].GetProperty("source").GetString());
        Assert.Equal("resilience-lab", root.GetProperty("tags").GetProperty("CreatedBy").GetString());
        Assert.Equal("lab", root.GetProperty("tags").GetProperty("Project").GetString());

        var action = root.GetProperty("actions").EnumerateObject().Single().Value;
        Assert.Equal("aws:network:disrupt-connectivity", action.GetProperty("actionId").GetString());
        Assert.Equal("dynamodb", action.GetProperty("parameters").GetProperty("scope").GetString());
        Assert.Equal("PT5M", action.GetProperty("parameters").GetProperty("duration").GetString());
        var targetName = action.GetProperty("targets").GetProperty("Subnets").GetString()!;

        var target = root.GetProperty("targets").GetProperty(targetName);
        Assert.Equal("aws:ec2:subnet", target.GetProperty("resourceType").GetString());
        Assert.Equal("ALL", target.GetProperty("selectionMode").GetString());
        Assert.Equal(JsonValueKind.Object, target.GetProperty("resourceTags").ValueKind);
    }

    [Fact]
    public void Write_SqsNetworkDisruption_UsesPrefixListScopeWithPlaceholder()
    {
        var template = CreateSut().Write([new FisFaultRequest("network-disruption", "sqs", TimeSpan.FromSeconds(90))]);

        var parameters = JsonDocument.Parse(template.Json!).RootElement.GetProperty("actions").EnumerateObject().Single().Value.GetProperty("parameters");
        Assert.Equal("prefix-list", parameters.GetProperty("scope").GetString());
        Assert.Contains("sqs", parameters.GetProperty("prefixListIdentifier").GetString(), StringComparison.Ordinal);
        Assert.Equal("PT1M30S", parameters.GetProperty("duration").GetString());
    }

    [Fact]
    public void Write_FaultsFisCannotDo_AreListedWithReasons()
    {
        var faults = new[]
        {
            new FisFaultRequest("network-disruption", "dynamodb", TimeSpan.FromMinutes(2)),
            new FisFaultRequest("api-throttling", "sqs", TimeSpan.FromMinutes(2)),
            new FisFaultRequest("http-latency", "payments", TimeSpan.FromMinutes(2)),
            new FisFaultRequest("network-disruption", "dynamodb", TimeSpan.FromSeconds(20)),
        };

        var template = CreateSut().Write(faults);

        Assert.Equal(1, template.ActionCount);
        Assert.Equal(faults[1..], template.Unsupported.Select(u => u.Fault));
        Assert.Equal(
            "SQS API throttling: FIS api-error actions reach only EC2 and Kinesis; ResilienceLab injects it at the client",
            template.Unsupported[0].Reason);
        Assert.Contains("latency", template.Unsupported[1].Reason, StringComparison.Ordinal);
        Assert.Contains("1 minute to 12 hours", template.Unsupported[2].Reason, StringComparison.Ordinal);
        Assert.All(template.Unsupported, u => Assert.DoesNotContain('\n', u.Reason));
    }

    [Fact]
    public void Write_NothingFisCanDo_ReturnsNoJson()
    {
        var template = CreateSut().Write([new FisFaultRequest("api-throttling", "dynamodb", TimeSpan.FromMinutes(1))]);

        Assert.Null(template.Json);
        Assert.Equal(0, template.ActionCount);
        Assert.Single(template.Unsupported);
    }
}
