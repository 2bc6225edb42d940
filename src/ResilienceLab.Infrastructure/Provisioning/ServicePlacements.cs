namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>
/// Where each service of a plan lives: queues (SQS), topics (SNS), the event bus (EventBridge) and the breaker table
/// (DynamoDB), each in-process, on the region's AWS endpoint or on an endpoint URL. An in-process topic or bus delivers
/// to queues wherever they are; a topic or bus outside this process can deliver only to queues outside it too.
/// </summary>
public sealed record ServicePlacements(Placement Sqs, Placement Sns, Placement Events, Placement DynamoDb)
{
    public static ServicePlacements AllInProcess { get; } = new(Placement.InProcess, Placement.InProcess, Placement.InProcess, Placement.InProcess);

    public static ServicePlacements AllAws { get; } = new(Placement.Aws, Placement.Aws, Placement.Aws, Placement.Aws);

    public bool IsAllInProcess => Sqs.IsInProcess && Sns.IsInProcess && Events.IsInProcess && DynamoDb.IsInProcess;

    /// <summary>The service names as the config's <c>endpoints</c> spells them, each with its placement.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sqs"] = Sqs.ToString(),
        ["sns"] = Sns.ToString(),
        ["events"] = Events.ToString(),
        ["dynamodb"] = DynamoDb.ToString(),
    };

    /// <summary>
    /// Why the plan cannot run on these placements: a topic with subscribers, or rules with targets, outside this process
    /// while the queues are inside it (nothing outside can deliver into this process). Keyed by the service (<c>sns</c>,
    /// <c>events</c>).
    /// </summary>
    public IReadOnlyList<(string Service, string Problem)> Problems(ResourcePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = new List<(string, string)>();
        if (!Sqs.IsInProcess)
        {
            return problems;
        }

        if (!Sns.IsInProcess && plan.Topics.Any(t => t.SubscribedQueues.Count > 0))
        {
            problems.Add(("sns", $"topics on {Sns} cannot deliver to queues in this process; put sqs on an endpoint too, or keep sns local"));
        }

        if (!Events.IsInProcess && plan.EventBus is { } bus && bus.Rules.Any(r => r.TargetQueues.Count > 0))
        {
            problems.Add(("events", $"rules on {Events} cannot deliver to queues in this process; put sqs on an endpoint too, or keep events local"));
        }

        return problems;
    }
}
