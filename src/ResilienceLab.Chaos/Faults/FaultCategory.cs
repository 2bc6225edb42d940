namespace ResilienceLab.Chaos.Faults;

/// <summary>What a fault's target names, by kind: a service (HTTP), a resource's API, or a queue's consumers or producers.</summary>
public enum FaultCategory
{
    /// <summary>Target is a service; the fault acts on its WireMock dependency server.</summary>
    Http,

    /// <summary>Target is a resource (queue, topic, <c>event-bus</c>, <c>breaker-table</c>); the fault acts on its API calls.</summary>
    Api,

    /// <summary>Target is a queue; the fault acts on the processes consuming from or producing to it.</summary>
    Process,
}
