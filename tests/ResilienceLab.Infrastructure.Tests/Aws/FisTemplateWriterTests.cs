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

    [Theory]
    [InlineData("api_unavailable", "503 ServiceUnavailable")]
    [InlineData("api_throttle", "throttling errors")]
    [InlineData("api_internal_error", "500 InternalServerError")]
    [InlineData("api_latency", "slow answers")]
    public void Write_ApiFaultOnBreakerTable_DynamoDbDisruptionReportedAsApproximation(string kind, string effect)
    {
        var fault = new FisFaultRequest(kind, "breaker-table", TimeSpan.FromSeconds(24))
        {
            Name = "table-down",
            Service = "dynamodb",
            Rate = 0.3,
            Operations = ["GetItem"],
        };

        var template = CreateSut().Write([fault]);

        Assert.Equal(1, template.ActionCount);
        Assert.Empty(template.Unsupported);
        var note = Assert.Single(template.Approximations).Note;
        Assert.StartsWith($"table-down ({kind} on 'breaker-table'): FIS cannot fault DynamoDB's API", note, StringComparison.Ordinal);
        Assert.Contains($"instead of {effect}", note, StringComparison.Ordinal);
        Assert.Contains("lasts 1 min, not 24 s", note, StringComparison.Ordinal);
        Assert.Contains("not 30 %", note, StringComparison.Ordinal);
        Assert.Contains("not only GetItem", note, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', note);
        var action = JsonDocument.Parse(template.Json!).RootElement.GetProperty("actions").EnumerateObject().Single().Value;
        Assert.Equal("dynamodb", action.GetProperty("parameters").GetProperty("scope").GetString());
        Assert.Equal("PT1M", action.GetProperty("parameters").GetProperty("duration").GetString());
        Assert.Contains("approximates", action.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api_unavailable", "shipping-requests", "sqs", "FIS has no SQS API fault")]
    [InlineData("api_throttle", "event-bus", "events", "FIS has no EventBridge API fault")]
    [InlineData("api_internal_error", "order-notifications", "sns", "FIS has no SNS API fault")]
    [InlineData("http_error", "payment", null, "HTTP faults hit the dependency's WireMock server")]
    [InlineData("http_connection_reset", "payment", null, "HTTP faults hit the dependency's WireMock server")]
    [InlineData("consumer_crash", "shipping-requests", null, "inside the harness process")]
    [InlineData("poison_message", "shipping-requests", null, "inside the harness process")]
    public void Write_FaultsOutsideFisReach_ListedAsUnsupportedWithOneLineReason(string kind, string target, string? service, string reason)
    {
        var template = CreateSut().Write([new FisFaultRequest(kind, target, TimeSpan.FromMinutes(2)) { Service = service }]);

        Assert.Null(template.Json);
        Assert.Empty(template.Approximations);
        var unsupported = Assert.Single(template.Unsupported);
        Assert.Contains(reason, unsupported.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', unsupported.Reason);
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
