using ResilienceLab.Chaos.Faults;
using ResilienceLab.Chaos.Ports;
using ResilienceLab.Harness.Configuration;
using ResilienceLab.Harness.Scenarios;
using ResilienceLab.Infrastructure.Aws;

namespace ResilienceLab.Harness.Targets;

/// <summary>A scenario's faults as <see cref="FisFaultRequest"/>s, each API fault's target resolved to the AWS service behind it on the aws target.</summary>
public static class FisFaults
{
    public static IReadOnlyList<FisFaultRequest> From(Scenario scenario, LooseCouplingConfig config)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(config);
        var queues = config.MessageQueues.Select(q => q.Name)
            .Concat(config.MessageQueues.Select(q => q.DeadLetterQueue?.Name).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        var topics = config.PubSubTopics.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        return [.. scenario.Faults.Select(f => new FisFaultRequest(FaultNames.Of(f.Kind), f.Target, f.Duration)
        {
            Name = f.Name,
            Service = f.Category == FaultCategory.Api ? ServiceOf(f.Target, queues, topics) : null,
            Rate = f.Rate,
            Operations = f.Operations,
        })];
    }

    private static string? ServiceOf(string target, HashSet<string> queues, HashSet<string> topics) => target switch
    {
        ApiFaultInjector.BreakerTableTarget => "dynamodb",
        ApiFaultInjector.EventBusTarget => "events",
        _ when queues.Contains(target) => "sqs",
        _ when topics.Contains(target) => "sns",
        _ => null,
    };
}
