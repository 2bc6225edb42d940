using ResilienceLab.Infrastructure.Local.EventPatterns;
using ResilienceLab.Infrastructure.Provisioning;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Local;

/// <summary>
/// The embedded backend (<c>local</c>): provisions a <see cref="ResourcePlan"/> as in-process queues, topics, an event bus
/// and a breaker table on one <see cref="TimeProvider"/>, and hands them out by logical name. Identifiers are ARNs in
/// account <see cref="LocalEventBus.LocalAccountId"/>. Topics and rules deliver to its own queues or, when it holds no
/// queue of that name, to the queue <c>remoteQueues</c> gives (queues on an endpoint, with the bus or topics in-process).
/// </summary>
public sealed class LocalBackend : IResourceBackend
{
    private readonly Lock gate = new();
    private readonly TimeProvider timeProvider;
    private readonly Func<string, IMessageQueue?> remoteQueues;
    private readonly bool holdsEveryQueue;
    private readonly Dictionary<string, LocalMessageQueue> queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LocalTopic> topics = new(StringComparer.Ordinal);
    private LocalEventBus? eventBus;
    private LocalBreakerTable? breakerTable;

    /// <param name="timeProvider">The clock of every queue, the bus and the events.</param>
    /// <param name="remoteQueues">Queues outside this process by logical name (null when there is none of that name); null for none.</param>
    public LocalBackend(TimeProvider timeProvider, Func<string, IMessageQueue?>? remoteQueues = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.timeProvider = timeProvider;
        this.remoteQueues = remoteQueues ?? (static _ => null);
        holdsEveryQueue = remoteQueues is null;
    }

    /// <summary>Every service in-process.</summary>
    public ServicePlacements Placements => ServicePlacements.AllInProcess;

    /// <inheritdoc/>
    /// <remarks>In-process resources exist only once this backend provisioned them: anything else is missing.</remarks>
    public Task<ProvisioningReport> InspectAsync(ResourcePlan plan, ResourceComponents components = ResourceComponents.All, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        cancellationToken.ThrowIfCancellationRequested();
        plan = plan.Only(WithInProcessDependencies(components));
        var deadLetterNames = plan.DeadLetterQueueNames;
        var report = new List<ProvisionedResource>();
        static ProvisioningOutcome Found(bool exists) => exists ? ProvisioningOutcome.AlreadyExisted : ProvisioningOutcome.Missing;
        lock (gate)
        {
            report.AddRange(plan.Queues.Select(q => new ProvisionedResource(
                deadLetterNames.Contains(q.Name) ? "dlq" : "queue", q.Name, Arn(plan, "sqs", q.PhysicalName), Found(queues.ContainsKey(q.Name)))));
            report.AddRange(plan.Topics.Select(t => new ProvisionedResource("topic", t.Name, Arn(plan, "sns", t.PhysicalName), Found(topics.ContainsKey(t.Name)))));
            if (plan.EventBus is { } busPlan)
            {
                var busExists = eventBus is not null && eventBus.Name == busPlan.PhysicalName;
                report.Add(new ProvisionedResource("event-bus", busPlan.Name, BusArn(plan, busPlan), Found(busExists)));
                report.AddRange(busPlan.Rules.Select(r => new ProvisionedResource("rule", r.Name, RuleArn(plan, busPlan, r), Found(busExists && eventBus!.HasRule(r.Name)))));
            }

            if (components.HasFlag(ResourceComponents.BreakerTable))
            {
                report.Add(new ProvisionedResource("table", plan.BreakerTable.PhysicalName, TableArn(plan), Found(breakerTable is not null)));
            }
        }

        return Task.FromResult(new ProvisioningReport(report));
    }

    /// <inheritdoc/>
    /// <remarks>Without remote queues, topics and rules bring their (in-process) queues with them, whatever <paramref name="components"/> says.</remarks>
    /// <exception cref="InvalidOperationException">The plan is inconsistent (every problem is listed); nothing was created.</exception>
    public Task<ProvisioningReport> ProvisionAsync(ResourcePlan plan, ResourceComponents components = ResourceComponents.All, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        cancellationToken.ThrowIfCancellationRequested();
        plan = plan.Only(WithInProcessDependencies(components));
        var deadLetterNames = DeadLetterQueueNames(plan);
        var report = new List<ProvisionedResource>();
        lock (gate)
        {
            var patterns = Validate(plan);
            foreach (var queuePlan in InCreationOrder(plan.Queues))
            {
                var kind = deadLetterNames.Contains(queuePlan.Name) ? "dlq" : "queue";
                var identifier = Arn(plan, "sqs", queuePlan.PhysicalName);
                if (queues.ContainsKey(queuePlan.Name))
                {
                    report.Add(new ProvisionedResource(kind, queuePlan.Name, identifier, ProvisioningOutcome.AlreadyExisted));
                    continue;
                }

                queues.Add(queuePlan.Name, new LocalMessageQueue(queuePlan.PhysicalName, timeProvider, ToOptions(queuePlan)));
                var detail = queuePlan.RedrivePolicy is { } redrive ? $"redrive to {redrive.DeadLetterQueueName} after {redrive.MaxReceiveCount} receives" : null;
                report.Add(new ProvisionedResource(kind, queuePlan.Name, identifier, ProvisioningOutcome.Created, detail));
            }

            foreach (var topicPlan in plan.Topics)
            {
                var identifier = Arn(plan, "sns", topicPlan.PhysicalName);
                if (topics.ContainsKey(topicPlan.Name))
                {
                    report.Add(new ProvisionedResource("topic", topicPlan.Name, identifier, ProvisioningOutcome.AlreadyExisted));
                    continue;
                }

                var topic = new LocalTopic(topicPlan.PhysicalName);
                foreach (var queueName in topicPlan.SubscribedQueues)
                {
                    topic.Subscribe(ResolveQueue(queueName));
                }

                topics.Add(topicPlan.Name, topic);
                report.Add(new ProvisionedResource("topic", topicPlan.Name, identifier, ProvisioningOutcome.Created, $"{topicPlan.SubscribedQueues.Count} subscriptions"));
            }

            if (plan.EventBus is { } busPlan)
            {
                ProvisionEventBus(plan, busPlan, patterns, report);
            }

            if (components.HasFlag(ResourceComponents.BreakerTable))
            {
                var created = breakerTable is null;
                breakerTable ??= new LocalBreakerTable(plan.BreakerTable.PhysicalName);
                report.Add(new ProvisionedResource("table", plan.BreakerTable.PhysicalName, TableArn(plan), created ? ProvisioningOutcome.Created : ProvisioningOutcome.AlreadyExisted));
            }
        }

        return Task.FromResult(new ProvisioningReport(report));
    }

    /// <inheritdoc/>
    public async Task<ProvisioningReport> TeardownAsync(ResourcePlan plan, ResourceComponents components = ResourceComponents.All, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        cancellationToken.ThrowIfCancellationRequested();
        plan = plan.Only(components);
        var report = new List<ProvisionedResource>();
        LocalEventBus? removedBus = null;
        lock (gate)
        {
            if (plan.EventBus is { } busPlan)
            {
                foreach (var rule in busPlan.Rules)
                {
                    var removed = eventBus?.RemoveRule(rule.Name) ?? false;
                    report.Add(new ProvisionedResource("rule", rule.Name, RuleArn(plan, busPlan, rule), removed ? ProvisioningOutcome.Deleted : ProvisioningOutcome.NotFound));
                }

                var busExists = eventBus is not null && eventBus.Name == busPlan.PhysicalName;
                if (busExists)
                {
                    removedBus = eventBus;
                    eventBus = null;
                }

                report.Add(new ProvisionedResource("event-bus", busPlan.Name, BusArn(plan, busPlan), busExists ? ProvisioningOutcome.Deleted : ProvisioningOutcome.NotFound));
            }

            foreach (var topicPlan in plan.Topics)
            {
                var removed = topics.Remove(topicPlan.Name);
                report.Add(new ProvisionedResource("topic", topicPlan.Name, Arn(plan, "sns", topicPlan.PhysicalName), removed ? ProvisioningOutcome.Deleted : ProvisioningOutcome.NotFound));
            }

            var deadLetterNames = DeadLetterQueueNames(plan);
            foreach (var queuePlan in Enumerable.Reverse(InCreationOrder(plan.Queues)))
            {
                var removed = queues.Remove(queuePlan.Name);
                var kind = deadLetterNames.Contains(queuePlan.Name) ? "dlq" : "queue";
                report.Add(new ProvisionedResource(kind, queuePlan.Name, Arn(plan, "sqs", queuePlan.PhysicalName), removed ? ProvisioningOutcome.Deleted : ProvisioningOutcome.NotFound));
            }

            if (components.HasFlag(ResourceComponents.BreakerTable))
            {
                var tableExists = breakerTable is not null && breakerTable.Name == plan.BreakerTable.PhysicalName;
                if (tableExists)
                {
                    breakerTable = null;
                }

                report.Add(new ProvisionedResource("table", plan.BreakerTable.PhysicalName, TableArn(plan), tableExists ? ProvisioningOutcome.Deleted : ProvisioningOutcome.NotFound));
            }
        }

        if (removedBus is not null)
        {
            await removedBus.DisposeAsync().ConfigureAwait(false);
        }

        return new ProvisioningReport(report);
    }

    /// <inheritdoc/>
    public Task ReleaseRunResourcesAsync(ResourcePlan plan, CancellationToken cancellationToken = default) => TeardownAsync(plan, ResourceComponents.All, cancellationToken);

    /// <inheritdoc/>
    public IMessageQueue GetQueue(string name) => GetLocalQueue(name);

    /// <summary>The queue with this logical name, with the local-only operations (ChangeMessageVisibility, Purge).</summary>
    public LocalMessageQueue GetLocalQueue(string name)
    {
        lock (gate)
        {
            return queues.TryGetValue(name, out var queue)
                ? queue
                : throw new InvalidOperationException($"Queue '{name}' is not provisioned on the local backend (provisioned: {Describe(queues.Keys)}).");
        }
    }

    /// <inheritdoc/>
    public ITopic GetTopic(string name) => GetLocalTopic(name);

    public LocalTopic GetLocalTopic(string name)
    {
        lock (gate)
        {
            return topics.TryGetValue(name, out var topic)
                ? topic
                : throw new InvalidOperationException($"Topic '{name}' is not provisioned on the local backend (provisioned: {Describe(topics.Keys)}).");
        }
    }

    /// <inheritdoc/>
    public IEventBus GetEventBus() => GetLocalEventBus();

    public LocalEventBus GetLocalEventBus()
    {
        lock (gate)
        {
            return eventBus ?? throw new InvalidOperationException("The event bus is not provisioned on the local backend (the plan had none, or it was torn down).");
        }
    }

    /// <inheritdoc/>
    public IBreakerTable GetBreakerTable() => GetLocalBreakerTable();

    public LocalBreakerTable GetLocalBreakerTable()
    {
        lock (gate)
        {
            return breakerTable ?? throw new InvalidOperationException("The circuit-breaker table is not provisioned on the local backend.");
        }
    }

    /// <summary>Routes the events that match the rule (by its logical name) to an in-process handler as well.</summary>
    /// <exception cref="InvalidOperationException">The bus or the rule is not provisioned.</exception>
    public void AddHandlerTarget(string ruleName, Func<string, CancellationToken, ValueTask> handler) =>
        GetLocalEventBus().AddHandlerTarget(ruleName, handler);

    /// <summary>Waits for running handler targets, then forgets every resource.</summary>
    public async ValueTask DisposeAsync()
    {
        LocalEventBus? bus;
        lock (gate)
        {
            bus = eventBus;
            eventBus = null;
            breakerTable = null;
            queues.Clear();
            topics.Clear();
        }

        if (bus is not null)
        {
            await bus.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void ProvisionEventBus(ResourcePlan plan, EventBusPlan busPlan, Dictionary<string, EventPattern> patterns, List<ProvisionedResource> report)
    {
        if (eventBus is not null && eventBus.Name != busPlan.PhysicalName)
        {
            throw new InvalidOperationException($"The local backend already has event bus '{eventBus.Name}'; it holds one bus, so '{busPlan.PhysicalName}' cannot be added.");
        }

        if (eventBus is null)
        {
            eventBus = new LocalEventBus(busPlan.PhysicalName, timeProvider, plan.AwsRegion, aliases: [busPlan.Name]);
            report.Add(new ProvisionedResource("event-bus", busPlan.Name, eventBus.Arn, ProvisioningOutcome.Created));
        }
        else
        {
            report.Add(new ProvisionedResource("event-bus", busPlan.Name, eventBus.Arn, ProvisioningOutcome.AlreadyExisted));
        }

        foreach (var rule in busPlan.Rules)
        {
            var identifier = RuleArn(plan, busPlan, rule);
            if (eventBus.HasRule(rule.Name))
            {
                report.Add(new ProvisionedResource("rule", rule.Name, identifier, ProvisioningOutcome.AlreadyExisted));
                continue;
            }

            eventBus.PutRule(rule.Name, patterns[rule.Name]);
            foreach (var queueName in rule.TargetQueues)
            {
                eventBus.AddQueueTarget(rule.Name, ResolveQueue(queueName));
            }

            report.Add(new ProvisionedResource("rule", rule.Name, identifier, ProvisioningOutcome.Created, $"{rule.TargetQueues.Count} queue targets"));
        }
    }

    /// <summary>Under the lock: checks every reference in the plan before anything is created; returns the parsed rule patterns.</summary>
    private Dictionary<string, EventPattern> Validate(ResourcePlan plan)
    {
        var problems = new List<string>();
        var queueNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var queue in plan.Queues)
        {
            if (!queueNames.Add(queue.Name))
            {
                problems.Add($"queue '{queue.Name}' is defined twice");
            }
        }

        queueNames.UnionWith(queues.Keys);
        queueNames.UnionWith(plan.Topics.SelectMany(t => t.SubscribedQueues).Concat(plan.EventBus?.Rules.SelectMany(r => r.TargetQueues) ?? [])
            .Where(q => remoteQueues(q) is not null));

        foreach (var queue in plan.Queues)
        {
            if (queue.RedrivePolicy is { } redrive && !queueNames.Contains(redrive.DeadLetterQueueName))
            {
                problems.Add($"queue '{queue.Name}' names dead-letter queue '{redrive.DeadLetterQueueName}', which is not defined");
            }
            else if (queue.RedrivePolicy is { } self && self.DeadLetterQueueName == queue.Name)
            {
                problems.Add($"queue '{queue.Name}' is its own dead-letter queue");
            }
        }

        foreach (var topic in plan.Topics)
        {
            problems.AddRange(topic.SubscribedQueues.Where(q => !queueNames.Contains(q)).Select(q => $"topic '{topic.Name}' subscribes queue '{q}', which is not defined"));
        }

        var patterns = new Dictionary<string, EventPattern>(StringComparer.Ordinal);
        foreach (var rule in plan.EventBus?.Rules ?? [])
        {
            problems.AddRange(rule.TargetQueues.Where(q => !queueNames.Contains(q)).Select(q => $"rule '{rule.Name}' targets queue '{q}', which is not defined"));
            try
            {
                patterns[rule.Name] = EventPattern.Parse(rule.EventPattern);
            }
            catch (EventPatternException exception)
            {
                problems.Add($"rule '{rule.Name}': {exception.Message}");
            }
        }

        if (problems.Count == 0)
        {
            try
            {
                _ = InCreationOrder(plan.Queues);
            }
            catch (InvalidOperationException exception)
            {
                problems.Add(exception.Message);
            }
        }

        return problems.Count == 0
            ? patterns
            : throw new InvalidOperationException($"The resource plan cannot be provisioned: {string.Join("; ", problems)}.");
    }

    /// <summary>Under the lock: dead-letter queues before the queues that redrive to them.</summary>
    private List<QueuePlan> InCreationOrder(IReadOnlyList<QueuePlan> plans)
    {
        var ordered = new List<QueuePlan>(plans.Count);
        var placed = new HashSet<string>(queues.Keys, StringComparer.Ordinal);
        var pending = plans.ToList();
        while (pending.Count > 0)
        {
            var ready = pending.Where(q => q.RedrivePolicy is null || placed.Contains(q.RedrivePolicy.DeadLetterQueueName)).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException($"dead-letter queues form a cycle among {Describe(pending.Select(q => q.Name))}");
            }

            foreach (var queue in ready)
            {
                ordered.Add(queue);
                placed.Add(queue.Name);
                pending.Remove(queue);
            }
        }

        return ordered;
    }

    private LocalQueueOptions ToOptions(QueuePlan plan) => new()
    {
        VisibilityTimeout = TimeSpan.FromSeconds(plan.VisibilityTimeoutSeconds),
        MessageRetention = TimeSpan.FromSeconds(plan.MessageRetentionSeconds),
        DeadLetterQueue = plan.RedrivePolicy is { } redrive ? queues[redrive.DeadLetterQueueName] : null,
        MaxReceiveCount = plan.RedrivePolicy?.MaxReceiveCount ?? LocalQueueConstants.DefaultMaxReceiveCount,
    };

    private static IReadOnlySet<string> DeadLetterQueueNames(ResourcePlan plan) => plan.DeadLetterQueueNames;

    // In-process topics and rules deliver only to queues that exist when they are created.
    private ResourceComponents WithInProcessDependencies(ResourceComponents components) =>
        holdsEveryQueue && (components & (ResourceComponents.Topics | ResourceComponents.Events)) != 0 ? components | ResourceComponents.Queues : components;

    /// <summary>Under the lock: the queue a topic or rule delivers to, this backend's own or a remote one.</summary>
    private IMessageQueue ResolveQueue(string name) =>
        queues.TryGetValue(name, out var queue) ? queue : remoteQueues(name) ?? throw new InvalidOperationException($"Queue '{name}' is neither in-process nor remote.");

    private static string TableArn(ResourcePlan plan) =>
        $"arn:aws:dynamodb:{plan.AwsRegion}:{LocalEventBus.LocalAccountId}:table/{plan.BreakerTable.PhysicalName}";

    private static string Arn(ResourcePlan plan, string service, string physicalName) =>
        $"arn:aws:{service}:{plan.AwsRegion}:{LocalEventBus.LocalAccountId}:{physicalName}";

    private static string BusArn(ResourcePlan plan, EventBusPlan bus) =>
        $"arn:aws:events:{plan.AwsRegion}:{LocalEventBus.LocalAccountId}:event-bus/{bus.PhysicalName}";

    private static string RuleArn(ResourcePlan plan, EventBusPlan bus, EventRulePlan rule) =>
        $"arn:aws:events:{plan.AwsRegion}:{LocalEventBus.LocalAccountId}:rule/{bus.PhysicalName}/{rule.PhysicalName}";

    private static string Describe(IEnumerable<string> names)
    {
        var list = string.Join(", ", names.Order(StringComparer.Ordinal));
        return list.Length == 0 ? "none" : list;
    }
}
