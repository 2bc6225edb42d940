namespace ResilienceLab.Infrastructure.Provisioning;

/// <summary>The parts of a plan that can be provisioned or torn down on their own, as the document's script does by component.</summary>
[Flags]
public enum ResourceComponents
{
    None = 0,

    /// <summary>The queues and their dead-letter queues.</summary>
    Queues = 1,

    /// <summary>The pub/sub topics and their subscriptions (the subscribed queues must exist).</summary>
    Topics = 2,

    /// <summary>The event bus, its rules and their targets (the target queues must exist).</summary>
    Events = 4,

    /// <summary>The circuit-breaker table.</summary>
    BreakerTable = 8,

    All = Queues | Topics | Events | BreakerTable,
}
