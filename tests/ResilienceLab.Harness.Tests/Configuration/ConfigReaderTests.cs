using System.Text.Json.Nodes;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Input;
using ResilienceLab.Stack.Distributed;

namespace ResilienceLab.Harness.Tests.Configuration;

public sealed class ConfigReaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public static string RepositoryConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ConfigReader.DefaultFileName);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "ResilienceLab.sln")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("repository config not found");
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_RepositoryConfig_LoadsTheDocumentsResources()
    {
        var config = ConfigReader.Read(RepositoryConfig());

        Assert.Equal(["inventory", "payment", "shipping", "notification"], config.Services.Select(s => s.Name));
        Assert.Equal("shipping-requests", config.Services.Single(s => s.Name == "shipping").RequestQueue);
        Assert.All(config.MessageQueues, q => Assert.Equal(3, q.DeadLetterQueue!.MaxReceiveCount));
        var payment = config.Services.Single(s => s.Name == "payment");
        Assert.Equal(5, payment.CircuitBreaker.FailureThreshold);
        Assert.Equal(3, payment.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(100), payment.Retry.BaseDelay);
        Assert.Contains(config.Workflows[0].Steps, s => !s.Required);
        Assert.Equal(64, config.Hash.Length);
    }

    [Fact]
    public void Read_MalformedJson_NamesFileAndPosition()
    {
        var path = _files.Write("bad.json", "{ \"project_name\": \"x\",, }");

        var ex = Assert.Throws<InvalidInputException>(() => ConfigReader.Read(path));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(path, problem.File);
        Assert.Contains("malformed JSON at line 1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysNotFound()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ConfigReader.Read(Path.Combine(_files.Root, "nope.json")));

        Assert.Contains("file not found", ex.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongType_NamesFieldPath()
    {
        var ex = ReadMutated(c => c["services"]![1]!["retry_config"]!["max_retries"] = "three");

        Assert.Contains(ex.Problems, p => p.Path == "services[1].retry_config.max_retries" && p.Message.Contains("expected a number", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_OutOfRange_NamesFieldPathAndRange()
    {
        var ex = ReadMutated(c => c["services"]![0]!["circuit_breaker"]!["failure_threshold"] = 0);

        Assert.Contains(ex.Problems, p => p.Path == "services[0].circuit_breaker.failure_threshold" && p.Message.Contains("out of range", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_MissingRequiredField_SaysRequired()
    {
        var ex = ReadMutated(c => c["workflows"]![0]!.AsObject().Remove("name"));

        Assert.Contains(ex.Problems, p => p.Path == "workflows[0].name" && p.Message == "is required");
    }

    [Fact]
    public void Read_UnknownField_SuggestsTheKnownName()
    {
        var ex = ReadMutated(c => c["services"]![0]!["timeout"] = 100);

        Assert.Contains(ex.Problems, p => p.Path == "services[0].timeout" && p.Message.Contains("did you mean 'timeout_ms'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_StepWithUnknownService_NamesTheStep()
    {
        var ex = ReadMutated(c => c["workflows"]![0]!["steps"]![1]!["service"] = "billing");

        Assert.Contains(ex.Problems, p => p.Path == "workflows[0].steps[1].service" && p.Message.Contains("'billing' is not a service", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_InvalidEnumValue_ListsAllowedValues()
    {
        var ex = ReadMutated(c => c["services"]![0]!["retry_config"]!["jitter"] = "random");

        Assert.Contains(ex.Problems, p => p.Path == "services[0].retry_config.jitter" && p.Message.Contains("full", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_DuplicateServiceNames_Reported()
    {
        var ex = ReadMutated(c => c["services"]![2]!["name"] = "payment");

        Assert.Contains(ex.Problems, p => p.Path == "services" && p.Message.Contains("'payment' is used more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_UnknownQueueReference_NamesTheRuleTarget()
    {
        var ex = ReadMutated(c => c["event_rules"]![0]!["targets"]![0] = "missing-queue");

        Assert.Contains(ex.Problems, p => p.Path == "event_rules[0].targets[0]");
    }

    [Fact]
    public void Read_InvalidEventPattern_NamesThePathInsideThePattern()
    {
        var ex = ReadMutated(c => c["event_rules"]![0]!["event_pattern"]!["detail"] = JsonNode.Parse("""{"size":[{"numeric":[">",5,"<",1]}]}"""));

        Assert.Contains(ex.Problems, p => p.Path == "event_rules[0].event_pattern.detail.size" && p.Message.Contains("is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEveryOneAtOnce()
    {
        var ex = ReadMutated(c =>
        {
            c["services"]![0]!["timeout_ms"] = -1;
            c["services"]![1]!["circuit_breaker"]!["half_open_max_calls"] = "x";
            c["message_queues"]![0]!["visibility_timeout_seconds"] = 99_999;
        });

        Assert.True(ex.Problems.Count >= 3, string.Join(Environment.NewLine, ex.Problems));
        Assert.All(ex.Problems, p => Assert.EndsWith("config.json", p.File, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_BreakerTableWithoutMode_IsBoundedWithTheDefaultInterval()
    {
        var config = ConfigReader.Read(RepositoryConfig());

        Assert.Equal(SharedBreakerMode.Bounded, config.BreakerTable.Mode);
        Assert.Null(config.BreakerTable.RefreshInterval);
    }

    [Fact]
    public void Read_BreakerTablePerCallWithInterval_ReadsBoth()
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryConfig()))!;
        json["breaker_table"]!["mode"] = "per_call";
        json["breaker_table"]!["refresh_interval_ms"] = 250;

        var config = ConfigReader.Read(_files.Write("config.json", json.ToJsonString()));

        Assert.Equal(SharedBreakerMode.PerCall, config.BreakerTable.Mode);
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.BreakerTable.RefreshInterval);
    }

    [Fact]
    public void Read_BreakerTableBadModeAndInterval_NamesBothFields()
    {
        var ex = ReadMutated(c =>
        {
            c["breaker_table"]!["mode"] = "sometimes";
            c["breaker_table"]!["refresh_interval_ms"] = 50;
        });

        Assert.Contains(ex.Problems, p => p.Path == "breaker_table.mode" && p.Message.Contains("bounded, per_call", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "breaker_table.refresh_interval_ms" && p.Message.Contains("out of range", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_EventPatternTheBusWouldRefuse_NamesTheRuleAndThePatternsField()
    {
        var ex = ReadMutated(c => c["event_rules"]![0]!["event_pattern"] = JsonNode.Parse("""{ "detail": { "status": [ { "prefix": 5 } ] } }"""));

        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith("event_rules[0].event_pattern", problem.Path, StringComparison.Ordinal);
        Assert.Contains("detail.status", problem.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EventPatternStringWithAScalarMatch_IsRefused()
    {
        var ex = ReadMutated(c => c["event_rules"]![0]!["event_pattern"] = """{ "source": "orders" }""");

        Assert.StartsWith("event_rules[0].event_pattern", Assert.Single(ex.Problems).Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Endpoints_PlacementPerServiceAndCallBounds()
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryConfig()))!;
        json["endpoints"] = new JsonObject
        {
            ["sqs"] = "http://127.0.0.1:4566",
            ["sns"] = "aws",
            ["events"] = "local",
            ["timeout_ms"] = 500,
            ["max_retries"] = 0,
        };

        var endpoints = ConfigReader.Read(_files.Write("config.json", json.ToJsonString())).Endpoints!;

        Assert.Equal(new Uri("http://127.0.0.1:4566"), endpoints.Sqs!.Endpoint);
        Assert.Equal(Infrastructure.Provisioning.Placement.Aws, endpoints.Sns);
        Assert.True(endpoints.Events!.IsInProcess);
        Assert.Null(endpoints.DynamoDb);
        Assert.Equal(TimeSpan.FromMilliseconds(500), endpoints.CallTimeout);
        Assert.Equal(0, endpoints.MaxRetries);
    }

    [Fact]
    public void Read_EndpointNeitherPlacementNorUrl_NamesTheField()
    {
        var ex = ReadMutated(c => c["endpoints"] = new JsonObject { ["sns"] = "fauxqs", ["timeout_ms"] = 0 });

        Assert.Contains(ex.Problems, p => p.Path == "endpoints.sns" && p.Message.Contains("neither \"local\", \"aws\" nor an http(s) URL", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Path == "endpoints.timeout_ms");
    }

    private InvalidInputException ReadMutated(Action<JsonNode> mutate)
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryConfig()))!;
        mutate(json);
        var path = _files.Write("config.json", json.ToJsonString());
        return Assert.Throws<InvalidInputException>(() => ConfigReader.Read(path));
    }
}
