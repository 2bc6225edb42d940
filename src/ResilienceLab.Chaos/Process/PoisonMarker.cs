using ResilienceLab.Chaos.Faults;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Chaos.Process;

/// <summary>
/// The <c>poison_message</c> marker for producers. While a fault on a queue (or topic) is on, <see cref="Mark(string, OutgoingMessage)"/>
/// adds the message attribute <c>Poison=true</c> to the share <c>rate</c> of messages produced to it. A consumer's handler calls
/// <see cref="ThrowIfPoison"/> first, so it fails on every delivery and the redrive policy moves the message to the dead-letter queue.
/// </summary>
public sealed class PoisonMarker : IFaultTarget
{
    /// <summary>The message attribute that marks a poison message.</summary>
    public const string AttributeName = "Poison";

    private readonly HashSet<string> _targets;
    private readonly ActiveFaultSet _active = new();

    /// <param name="targets">Names of the queues (or topics) whose producers consult this marker (the faults' targets).</param>
    public PoisonMarker(IEnumerable<string> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _targets = new HashSet<string>(targets, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Queues => _targets;

    public bool Knows(string target) => _targets.Contains(target);

    public static bool IsPoison(IReadOnlyDictionary<string, string>? attributes) =>
        attributes is not null && attributes.TryGetValue(AttributeName, out var value) && value == "true";

    public static bool IsPoison(ReceivedMessage message) => IsPoison(message?.Attributes);

    /// <exception cref="PoisonMessageException">The message is marked poison.</exception>
    public static void ThrowIfPoison(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (IsPoison(message))
        {
            throw new PoisonMessageException(message.MessageId);
        }
    }

    /// <summary>The message to send to <paramref name="target"/>: marked poison when an active fault hits it, else unchanged.</summary>
    public OutgoingMessage Mark(string target, OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attributes = Mark(target, message.Attributes);
        return ReferenceEquals(attributes, message.Attributes) ? message : message with { Attributes = attributes };
    }

    /// <summary>The attributes to publish to <paramref name="target"/> with: with <c>Poison=true</c> when an active fault hits, else unchanged.</summary>
    public IReadOnlyDictionary<string, string>? Mark(string target, IReadOnlyDictionary<string, string>? attributes)
    {
        if (_active.IsEmpty || !_active.On(target).Any(f => f.Hits()))
        {
            return attributes;
        }

        var marked = attributes is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(attributes, StringComparer.Ordinal);
        marked[AttributeName] = "true";
        return marked;
    }

    void IFaultTarget.Activate(ActiveFault fault) => _active.Add(fault);

    void IFaultTarget.Deactivate(ActiveFault fault) => _active.Remove(fault);
}
