using System.Text.Json.Nodes;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;

namespace ResilienceLab.Harness.Tests.Configuration;

/// <summary>
/// A config written the way the document's code reads it: its script (message_queues with visibility and retention,
/// pub_sub_topics, event_rules without targets) and its classes (services' endpoint_url, request_queue_url and
/// response_topic_arn, event_service's dead_letter_queue_url, the bus by its physical name).
/// </summary>
public sealed class SeedConfigTests : IDisposable
{
    private const string SeedShaped = """
        {
          "project_name": "loose-coupling-demo",
          "aws_region": "us-east-1",
          "deployment_stage": "dev",
          "message_queues": [
            { "name": "orders", "visibility_timeout_seconds": 30, "message_retention_seconds": 1209600 },
            { "name": "notifications", "visibility_timeout_seconds": 60, "message_retention_seconds": 345600 }
          ],
          "pub_sub_topics": [
            { "name": "order-events" }
          ],
          "event_rules": [
            { "name": "order-created", "event_pattern": { "source": ["order-service"], "detail-type": ["Order Created"] } }
          ],
          "event_service": {
            "name": "order-service",
            "event_bus_name": "loose-coupling-demo-events-dev",
            "dead_letter_queue_url": "https://sqs.us-east-1.amazonaws.com/123456789012/loose-coupling-demo-orders-dlq-dev"
          },
          "services": [
            {
              "name": "inventory",
              "endpoint_url": "http://127.0.0.1:8081/inventory",
              "timeout_ms": 5000,
              "retry_config": { "max_retries": 3, "backoff_factor": 2, "base_delay_ms": 100 },
              "circuit_breaker": { "failure_threshold": 5, "timeout_seconds": 60 }
            },
            {
              "name": "shipping",
              "timeout_ms": 5000,
              "request_queue_url": "https://sqs.us-east-1.amazonaws.com/123456789012/loose-coupling-demo-orders-dev",
              "response_topic_arn": "arn:aws:sns:us-east-1:123456789012:loose-coupling-demo-order-events-dev"
            }
          ]
        }
        """;

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_SeedShapedConfig_TakesTheDocumentsFieldNames()
    {
        var config = ConfigReader.Read(_files.Write("seed.json", SeedShaped));

        var shipping = config.Services.Single(s => s.Name == "shipping");
        Assert.Equal("orders", shipping.RequestQueue);
        Assert.Equal("order-events", shipping.ResponseTopic);
        Assert.Equal(new Uri("http://127.0.0.1:8081/inventory"), config.ServiceEndpoints["inventory"]);
        Assert.Equal("orders-dlq", config.EventService!.DeadLetterQueue);
        Assert.Equal("events", config.EventService.EventBusName);
        Assert.Empty(config.Workflows);
    }

    [Fact]
    public void Read_SeedShapedConfig_EveryQueueGetsADeadLetterQueueAsTheScriptCreates()
    {
        var config = ConfigReader.Read(_files.Write("seed.json", SeedShaped));

        Assert.All(config.MessageQueues, q => Assert.Equal(new DeadLetterQueueConfig(q.Name + "-dlq", 3), q.DeadLetterQueue));
    }

    [Fact]
    public void Build_SeedShapedConfig_PhysicalNamesAreTheScripts()
    {
        var plan = ResourcePlanBuilder.Build(ConfigReader.Read(_files.Write("seed.json", SeedShaped)));

        Assert.Equal(
            ["loose-coupling-demo-orders-dlq-dev", "loose-coupling-demo-orders-dev", "loose-coupling-demo-notifications-dlq-dev", "loose-coupling-demo-notifications-dev"],
            plan.Queues.Select(q => q.PhysicalName));
        Assert.Equal("loose-coupling-demo-order-events-dev", Assert.Single(plan.Topics).PhysicalName);
        Assert.Equal("loose-coupling-demo-events-dev", plan.EventBus!.PhysicalName);
        Assert.Equal("loose-coupling-demo-order-created-dev", Assert.Single(plan.EventBus.Rules).PhysicalName);
        Assert.Equal("loose-coupling-demo-circuit-breaker-dev", plan.BreakerTable.PhysicalName);
        Assert.All(plan.Queues.Where(q => !q.Name.EndsWith("-dlq", StringComparison.Ordinal)), q => Assert.Equal(3, q.RedrivePolicy!.MaxReceiveCount));
    }

    [Fact]
    public void Read_DeadLetterQueueFalse_OptsTheQueueOut()
    {
        var json = JsonNode.Parse(SeedShaped)!;
        json["message_queues"]![1]!["dead_letter_queue"] = false;

        var config = ConfigReader.Read(_files.Write("seed.json", json.ToJsonString()));

        Assert.Null(config.MessageQueues[1].DeadLetterQueue);
        Assert.NotNull(config.MessageQueues[0].DeadLetterQueue);
    }

    [Fact]
    public void Read_BothNamesForOneField_NamesTheConflict()
    {
        var json = JsonNode.Parse(SeedShaped)!;
        json["services"]![1]!["request_queue"] = "orders";

        var ex = Assert.Throws<InvalidInputException>(() => ConfigReader.Read(_files.Write("seed.json", json.ToJsonString())));

        Assert.Contains(ex.Problems, p => p.Path == "services[1].request_queue_url" && p.Message == "give either request_queue or request_queue_url, not both");
    }

    [Fact]
    public void Read_QueueUrlOfAnotherProject_IsReportedAsUnknown()
    {
        var json = JsonNode.Parse(SeedShaped)!;
        json["services"]![1]!["request_queue_url"] = "https://sqs.us-east-1.amazonaws.com/123456789012/other-orders-dev";

        var ex = Assert.Throws<InvalidInputException>(() => ConfigReader.Read(_files.Write("seed.json", json.ToJsonString())));

        Assert.Contains(ex.Problems, p => p.Path == "services[1].request_queue" && p.Message.Contains("other-orders-dev", StringComparison.Ordinal));
    }
}
