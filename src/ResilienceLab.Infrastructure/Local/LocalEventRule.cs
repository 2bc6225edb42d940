using ResilienceLab.Infrastructure.Local.EventPatterns;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Local;

/// <summary>A rule on a <see cref="LocalEventBus"/>: its pattern and its targets (queues and in-process handlers), swapped whole on change.</summary>
internal sealed class LocalEventRule
{
    public LocalEventRule(string name, EventPattern pattern)
    {
        Name = name;
        Pattern = pattern;
    }

    public string Name { get; }

    public EventPattern Pattern { get; set; }

    public IMessageQueue[] QueueTargets { get; set; } = [];

    public Func<string, CancellationToken, ValueTask>[] HandlerTargets { get; set; } = [];
}
