using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Harness.Input;
using ResilienceLab.Infrastructure.Aws;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Infrastructure.Local.EventPatterns;
using ResilienceLab.Stack.Breaker;
using ResilienceLab.Stack.Bulkheads;
using ResilienceLab.Stack.Distributed;
using ResilienceLab.Stack.Retry;
using ResilienceLab.Stack.Services;
using ResilienceLab.Stack.Workflows;
using ResilienceLab.Load;

namespace ResilienceLab.Harness.Configuration;

/// <summary>
/// Reads <c>loose-coupling-config.json</c> with the document's field names and validates it before anything starts:
/// every problem at once, each with the file and the field path.
/// </summary>
public static partial class ConfigReader
{
    public const string DefaultFileName = "loose-coupling-config.json";

    private static readonly string[] JitterModes = ["none", "full", "equal", "decorrelated"];
    private static readonly string[] SharedStates = ["local", "table"];
    private static readonly string[] TableErrorModes = ["local_state", "reject"];
    private static readonly string[] SharedBreakerModes = ["bounded", "per_call"];

    public static LooseCouplingConfig Read(string path) => Read(path, text: null);

    /// <summary>Reads a config; with <paramref name="text"/> its content is that text (problems still name <paramref name="path"/>).</summary>
    public static LooseCouplingConfig Read(string path, string? text)
    {
        using var document = JsonInputFile.Open(path, text);
        var problems = new ProblemList(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException(path, "expected a JSON object at the top level");
        }

        var root = new JsonSection(document.RootElement, string.Empty, problems);
        var tableBacked = new HashSet<string>(StringComparer.Ordinal);
        var serviceEndpoints = new Dictionary<string, Uri>(StringComparer.Ordinal);
        var projectName = Name(root, "project_name", "loose-coupling-demo");
        var deploymentStage = Name(root, "deployment_stage", "dev");
        IReadOnlyList<MessageQueueConfig> queues = [.. root.Objects("message_queues").Select(ReadQueue)];
        IReadOnlyList<TopicConfig> topics = [.. root.Objects("pub_sub_topics").Select(ReadTopic)];
        var references = new SeedNames(projectName, deploymentStage, queues, topics);
        var config = new LooseCouplingConfig
        {
            SourceFile = path,
            Hash = Convert.ToHexStringLower(SHA256.HashData(text is null ? File.ReadAllBytes(path) : System.Text.Encoding.UTF8.GetBytes(text))),
            ProjectName = projectName,
            AwsRegion = root.String("aws_region", "us-east-1"),
            DeploymentStage = deploymentStage,
            MessageQueues = queues,
            PubSubTopics = topics,
            EventRules = [.. root.Objects("event_rules").Select(ReadRule)],
            EventService = root.Object("event_service") is { } es ? ReadEventService(es, references) : null,
            Services = [.. root.Objects("services", required: true).Select(s => ReadService(s, tableBacked, serviceEndpoints, references))],
            ServiceEndpoints = serviceEndpoints,
            TableBackedBreakers = tableBacked,
            BreakerTable = root.Object("breaker_table") is { } bt ? ReadBreakerTable(bt) : new BreakerTableConfig(),
            Workflows = [.. root.Objects("workflows").Select(ReadWorkflow)],
            Endpoints = root.Object("endpoints") is { } ep ? ReadEndpoints(ep) : null,
        };
        root.RejectUnknownFields();
        CheckReferences(config, problems);
        problems.ThrowIfAny();
        return config;
    }

    private static string Name(JsonSection section, string field, string? defaultValue = null, bool required = false)
    {
        var name = section.String(field, defaultValue, required);
        if (name.Length > 0 && !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            section.Problems.Add(section.FieldPath(field), $"{InputText.Quote(name)} may contain only letters, digits, '-' and '_' (it becomes part of AWS resource names)");
        }

        return name;
    }

    private static MessageQueueConfig ReadQueue(JsonSection q)
    {
        var name = Name(q, "name", required: true);

        // As the document's script, every queue gets a dead-letter queue ($name-dlq, 3 receives) unless it says false.
        DeadLetterQueueConfig? dlq = new($"{name}-dlq", DeadLetterQueueConfig.DefaultMaxReceiveCount);
        if (q.Raw("dead_letter_queue") is { ValueKind: JsonValueKind.False })
        {
            dlq = null;
        }
        else if (q.Has("dead_letter_queue") && q.Object("dead_letter_queue") is { } d)
        {
            dlq = new DeadLetterQueueConfig(Name(d, "name", $"{name}-dlq"), d.Int("maxReceiveCount", DeadLetterQueueConfig.DefaultMaxReceiveCount, 1, 1000));
            d.RejectUnknownFields();
        }

        var queue = new MessageQueueConfig(
            name,
            q.Int("visibility_timeout_seconds", 30, 0, 43_200),
            q.Int("message_retention_seconds", 1_209_600, 60, 1_209_600),
            dlq);
        q.RejectUnknownFields();
        return queue;
    }

    private static TopicConfig ReadTopic(JsonSection t)
    {
        var topic = new TopicConfig(Name(t, "name", required: true), t.Strings("subscribers"));
        t.RejectUnknownFields();
        return topic;
    }

    private static EventRuleConfig ReadRule(JsonSection r)
    {
        var name = Name(r, "name", required: true);
        var pattern = r.Raw("event_pattern", required: true);
        var text = "{}";
        if (pattern is { ValueKind: JsonValueKind.Object } obj)
        {
            text = obj.GetRawText();
        }
        else if (pattern is { ValueKind: JsonValueKind.String } str)
        {
            text = str.GetString()!;
            try
            {
                using var parsed = JsonDocument.Parse(text);
                if (parsed.RootElement.ValueKind != JsonValueKind.Object)
                {
                    r.Problems.Add(r.FieldPath("event_pattern"), "an event pattern must be a JSON object");
                }
            }
            catch (JsonException)
            {
                r.Problems.Add(r.FieldPath("event_pattern"), "is not valid JSON");
            }
        }
        else if (pattern is not null)
        {
            r.Problems.Add(r.FieldPath("event_pattern"), "expected an object (or a string holding one)");
        }

        if (pattern is not null && !r.Problems.Problems.Any(p => p.Path == r.FieldPath("event_pattern")))
        {
            CheckPattern(r, text);
        }

        var rule = new EventRuleConfig(name, text, r.Strings("targets"));
        r.RejectUnknownFields();
        return rule;
    }

    /// <summary>Parses the pattern as the event bus will, so a pattern it would refuse fails here, before anything runs.</summary>
    private static void CheckPattern(JsonSection r, string text)
    {
        try
        {
            EventPattern.Parse(text);
        }
        catch (EventPatternException ex)
        {
            // The parser names the pattern's own field; the problem's path continues into it.
            var inner = ex.PatternPath ?? string.Empty;
            var path = inner.Length == 0 || inner == "(root)" ? r.FieldPath("event_pattern") : $"{r.FieldPath("event_pattern")}.{InputText.Excerpt(inner)}";
            r.Problems.Add(path, ex.Reason ?? ex.Message.TrimEnd('.'));
        }
    }

    private static EventServiceConfig ReadEventService(JsonSection e, SeedNames references)
    {
        var service = new EventServiceConfig(Name(e, "name", "event-service"), references.Logical(Name(e, "event_bus_name", "events")), references.Queue(SeedNames.Either(e, "dead_letter_queue", "dead_letter_queue_url")))
        {
            OutboxCapacity = e.Int("outbox_capacity", 10_000, 0, 10_000_000),
            FailedWorkflowEvent = e.String("failed_workflow_event", WorkflowEvents.Completed, allowed: [WorkflowEvents.Completed, WorkflowEvents.Failed]),
        };
        e.RejectUnknownFields();
        return service;
    }

    private static EndpointsConfig ReadEndpoints(JsonSection e)
    {
        Placement? Place(string field)
        {
            var text = e.OptionalString(field);
            switch (text)
            {
                case null:
                    return null;
                case "local":
                    return Placement.InProcess;
                case "aws":
                    return Placement.Aws;
            }

            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                e.Problems.Add(e.FieldPath(field), $"{InputText.Quote(text)} is neither \"local\", \"aws\" nor an http(s) URL");
                return null;
            }

            return Placement.At(uri);
        }

        var endpoints = new EndpointsConfig
        {
            Sqs = Place("sqs"),
            Sns = Place("sns"),
            Events = Place("events"),
            DynamoDb = Place("dynamodb"),
            CallTimeout = TimeSpan.FromMilliseconds(e.Int("timeout_ms", (int)AwsConstants.DefaultCallTimeout.TotalMilliseconds, 100, 60_000)),
            MaxRetries = e.Int("max_retries", AwsConstants.DefaultMaxRetries, 0, 10),
        };
        e.RejectUnknownFields();
        return endpoints;
    }

    private static BreakerTableConfig ReadBreakerTable(JsonSection t)
    {
        var config = new BreakerTableConfig(
            t.Int("min_instances_to_open", 1, 1, 1000),
            t.Has("max_contribution_per_instance") ? t.Int("max_contribution_per_instance", 1, 1, int.MaxValue) : null,
            t.String("on_table_error", "local_state", allowed: TableErrorModes) == "local_state",
            t.String("mode", "bounded", allowed: SharedBreakerModes) == "per_call" ? SharedBreakerMode.PerCall : SharedBreakerMode.Bounded,
            t.Has("refresh_interval_ms") ? TimeSpan.FromMilliseconds(t.Int("refresh_interval_ms", 0, 200, 60_000)) : null);
        t.RejectUnknownFields();
        return config;
    }

    private static ServiceOptions ReadService(JsonSection s, HashSet<string> tableBacked, Dictionary<string, Uri> endpoints, SeedNames references)
    {
        var name = Name(s, "name", required: true);
        if (SeedNames.Either(s, "endpoint", "endpoint_url") is { } endpoint)
        {
            if (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is ("http" or "https"))
            {
                endpoints[name] = uri;
            }
            else
            {
                s.Problems.Add(s.FieldPath(s.Has("endpoint") ? "endpoint" : "endpoint_url"), $"{InputText.Quote(endpoint)} is not an http(s) URL");
            }
        }

        var timeoutMs = s.Int("timeout_ms", 5000, 0, 600_000);
        var overallMs = s.Has("overall_timeout_ms") ? s.Int("overall_timeout_ms", 0, 1, 3_600_000) : 0;
        var retry = new RetryOptions();
        if (s.Object("retry_config") is { } r)
        {
            RetryBudgetOptions? budget = null;
            if (r.Object("retry_budget") is { } b)
            {
                budget = new RetryBudgetOptions { RetryRatio = b.Double("retry_ratio", 0.1, 0, 10), MaxTokens = b.Double("max_tokens", 10, 0, 1_000_000) };
                b.RejectUnknownFields();
            }

            retry = new RetryOptions
            {
                MaxRetries = r.Int("max_retries", 3, 0, 100),
                BackoffFactor = r.Double("backoff_factor", 2, 1, 100),
                BaseDelay = TimeSpan.FromMilliseconds(r.Int("base_delay_ms", 100, 0, 600_000)),
                MaxDelay = TimeSpan.FromMilliseconds(r.Int("max_delay_ms", 5000, 0, 3_600_000)),
                Jitter = Enum.Parse<JitterMode>(r.String("jitter", "none", allowed: JitterModes), ignoreCase: true),
                Budget = budget,
            };
            r.RejectUnknownFields();
        }

        var breaker = new CircuitBreakerOptions();
        if (s.Object("circuit_breaker") is { } c)
        {
            var halfOpenMax = c.Int("half_open_max_calls", 3, 1, 1000);
            breaker = new CircuitBreakerOptions
            {
                Enabled = c.Bool("enabled", true),
                FailureThreshold = c.Int("failure_threshold", 5, 1, int.MaxValue),
                BreakDuration = TimeSpan.FromSeconds(c.Double("timeout_seconds", 60, 0.001, 86_400)),
                HalfOpenMaxCalls = halfOpenMax,
                HalfOpenSuccessesToClose = c.Int("half_open_successes_to_close", 1, 1, 1000),
            };
            if (c.String("shared_state", "local", allowed: SharedStates) == "table")
            {
                tableBacked.Add(name);
            }

            if (breaker.HalfOpenSuccessesToClose > halfOpenMax)
            {
                c.Problems.Add(c.FieldPath("half_open_successes_to_close"), $"{breaker.HalfOpenSuccessesToClose} is more than half_open_max_calls ({halfOpenMax}); the breaker could never close");
            }

            c.RejectUnknownFields();
        }

        BulkheadOptions? bulkhead = null;
        if (s.Object("bulkhead") is { } bh)
        {
            bulkhead = new BulkheadOptions { MaxConcurrency = bh.Int("max_concurrency", 10, 1, 100_000), MaxQueue = bh.Int("max_queue", 0, 0, 1_000_000) };
            bh.RejectUnknownFields();
        }

        var options = new ServiceOptions
        {
            Name = name,
            Bulkhead = bulkhead,
            Path = s.String("path", "/"),
            AttemptTimeout = timeoutMs == 0 ? null : TimeSpan.FromMilliseconds(timeoutMs),
            OverallTimeout = overallMs == 0 ? null : TimeSpan.FromMilliseconds(overallMs),
            Retry = retry,
            CircuitBreaker = breaker,
            RequestQueue = references.Queue(SeedNames.Either(s, "request_queue", "request_queue_url")),
            WorkerConcurrency = s.Int("worker_concurrency", 2, 1, 256),
            OutboxCapacity = s.Int("outbox_capacity", 0, 0, 10_000_000),
            StubLatency = TimeSpan.FromMilliseconds(s.Int("stub_latency_ms", 0, 0, 600_000)),
            ResponseTopic = references.Topic(SeedNames.Either(s, "response_topic", "response_topic_arn")),
        };
        s.RejectUnknownFields();
        return options;
    }

    private static WorkflowDefinition ReadWorkflow(JsonSection w)
    {
        var name = Name(w, "name", required: true);
        var steps = w.Objects("steps", required: true).Select(step =>
        {
            var request = step.Raw("request");
            JsonObject body = [];
            if (request is { ValueKind: JsonValueKind.Object } r)
            {
                body = JsonNode.Parse(r.GetRawText())!.AsObject();
            }
            else if (request is not null)
            {
                step.Problems.Add(step.FieldPath("request"), "expected an object (the JSON body sent to the service)");
            }

            var fallback = step.Raw("fallback") is { ValueKind: JsonValueKind.Object } f ? JsonNode.Parse(f.GetRawText())!.AsObject() : null;
            var result = new WorkflowStep(step.String("name", required: true), step.String("service", required: true), step.Bool("required", true), body, fallback);
            step.RejectUnknownFields();
            return result;
        }).ToList();
        if (steps.Count == 0 && !w.Problems.Problems.Any(p => p.Path == w.FieldPath("steps")))
        {
            w.Problems.Add(w.FieldPath("steps"), "a workflow needs at least one step");
        }

        var outcomeTopic = w.OptionalString("outcome_topic");
        w.RejectUnknownFields();
        return new WorkflowDefinition(name, steps) { OutcomeTopic = outcomeTopic };
    }

    private static void CheckReferences(LooseCouplingConfig config, ProblemList problems)
    {
        var queues = config.MessageQueues.Select(q => q.Name)
            .Concat(config.MessageQueues.Where(q => q.DeadLetterQueue is not null).Select(q => q.DeadLetterQueue!.Name))
            .ToHashSet(StringComparer.Ordinal);
        var topics = config.PubSubTopics.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Unique(config.MessageQueues.Select(q => q.Name), "message_queues", problems);
        Unique(config.Services.Select(s => s.Name), "services", problems);
        Unique(config.Workflows.Select(w => w.Name), "workflows", problems);
        var services = config.Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < config.Services.Count; i++)
        {
            if (config.Services[i].RequestQueue is { } rq && !queues.Contains(rq))
            {
                problems.Add($"services[{i}].request_queue", $"{InputText.Quote(rq)} is not a queue in message_queues ({string.Join(", ", queues)})");
            }

            if (config.Services[i].ResponseTopic is { } rt && !topics.Contains(rt))
            {
                problems.Add($"services[{i}].response_topic", $"'{rt}' is not a topic in pub_sub_topics");
            }
        }

        for (var t = 0; t < config.PubSubTopics.Count; t++)
        {
            foreach (var (sub, j) in config.PubSubTopics[t].Subscribers.Select((s, j) => (s, j)).Where(p => !queues.Contains(p.s)))
            {
                problems.Add($"pub_sub_topics[{t}].subscribers[{j}]", $"{InputText.Quote(sub)} is not a queue in message_queues");
            }
        }

        for (var r = 0; r < config.EventRules.Count; r++)
        {
            foreach (var (target, j) in config.EventRules[r].Targets.Select((s, j) => (s, j)).Where(p => !queues.Contains(p.s)))
            {
                problems.Add($"event_rules[{r}].targets[{j}]", $"{InputText.Quote(target)} is not a queue in message_queues");
            }
        }

        if (config.EventService?.DeadLetterQueue is { } eventDlq && !queues.Contains(eventDlq))
        {
            problems.Add("event_service.dead_letter_queue", $"{InputText.Quote(eventDlq)} is not a queue in message_queues");
        }

        for (var w = 0; w < config.Workflows.Count; w++)
        {
            if (config.Workflows[w].OutcomeTopic is { } outcomeTopic && !topics.Contains(outcomeTopic))
            {
                problems.Add($"workflows[{w}].outcome_topic", $"'{outcomeTopic}' is not a topic in pub_sub_topics");
            }

            var steps = config.Workflows[w].Steps;
            for (var s = 0; s < steps.Count; s++)
            {
                if (steps[s].Service.Length > 0 && !services.Contains(steps[s].Service))
                {
                    problems.Add($"workflows[{w}].steps[{s}].service", $"{InputText.Quote(steps[s].Service)} is not a service in services ({string.Join(", ", services)})");
                }
            }
        }
    }

    private static void Unique(IEnumerable<string> names, string field, ProblemList problems)
    {
        foreach (var duplicate in names.Where(n => n.Length > 0).GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(field, $"name {InputText.Quote(duplicate.Key)} is used more than once");
        }
    }
}
