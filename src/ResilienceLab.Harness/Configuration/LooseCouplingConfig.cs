using ResilienceLab.Stack.Services;
using ResilienceLab.Stack.Workflows;

namespace ResilienceLab.Harness.Configuration;

/// <summary>
/// <c>loose-coupling-config.json</c>, read and validated: the document's resources (queues with DLQs, topics, event rules,
/// the event service) and the stack (services with their timeout, retry and breaker settings; workflows).
/// </summary>
public sealed record LooseCouplingConfig
{
    public required string SourceFile { get; init; }

    /// <summary>SHA-256 of the file's bytes, recorded in reports so two runs can be told apart.</summary>
    public required string Hash { get; init; }

    public string ProjectName { get; init; } = "loose-coupling-demo";

    public string AwsRegion { get; init; } = "us-east-1";

    public string DeploymentStage { get; init; } = "dev";

    public IReadOnlyList<MessageQueueConfig> MessageQueues { get; init; } = [];

    public IReadOnlyList<TopicConfig> PubSubTopics { get; init; } = [];

    public IReadOnlyList<EventRuleConfig> EventRules { get; init; } = [];

    public EventServiceConfig? EventService { get; init; }

    public IReadOnlyList<ServiceOptions> Services { get; init; } = [];

    public IReadOnlyList<WorkflowDefinition> Workflows { get; init; } = [];

    /// <summary>Services whose breaker keeps its state in the breaker table, shared by every instance.</summary>
    public IReadOnlySet<string> TableBackedBreakers { get; init; } = new HashSet<string>();

    public BreakerTableConfig BreakerTable { get; init; } = new();

    /// <summary>Endpoint overrides for the aws target; null to use each service's regional endpoint.</summary>
    public EndpointsConfig? Endpoints { get; init; }

    /// <summary>
    /// The config of a scenario built in code around the user's own step: only its dependencies (stood up as WireMock
    /// servers, each a service with the defaults), no queues, bus or workflow of the document's stack.
    /// </summary>
    public static LooseCouplingConfig ForDependencies(IEnumerable<string> dependencies, string source = "(code)")
    {
        ArgumentNullException.ThrowIfNull(dependencies);
        var names = dependencies.Distinct(StringComparer.Ordinal).ToList();
        return new LooseCouplingConfig
        {
            SourceFile = source,
            Hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', names)))),
            ProjectName = "resilience-lab-code",
            Services = [.. names.Select(n => new ServiceOptions { Name = n })],
            Workflows = [new WorkflowDefinition(CustomStepWorkflow, [])],
        };
    }

    /// <summary>The workflow name a scenario built around the user's own step names (its iterations run the step).</summary>
    public const string CustomStepWorkflow = "step";

    /// <summary>Services given a real HTTP <c>endpoint</c>: a game day calls it instead of standing up a WireMock server. <value>Default none.</value></summary>
    public IReadOnlyDictionary<string, Uri> ServiceEndpoints { get; init; } = new Dictionary<string, Uri>(StringComparer.Ordinal);
}
