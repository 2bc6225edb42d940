using System.Text.RegularExpressions;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Harness.Messages;

/// <summary>
/// How a run marks what it sends: a message attribute (queues) or a field of the event's detail (events), holding
/// <c>RUNID/N</c>. Whatever wraps a message later (an EventBridge envelope, a dead-letter document that embeds the
/// event as text) still carries it, so it is found again by a look into the body.
/// </summary>
internal static partial class MessageIdentity
{
    /// <summary>The message attribute on queued messages.</summary>
    public const string Attribute = "ResilienceLabMessageId";

    /// <summary>The field in an event's detail.</summary>
    public const string DetailField = "rl_message_id";

    /// <summary>The message id <paramref name="attributes"/> or <paramref name="body"/> carry, when it is of run <paramref name="runId"/>.</summary>
    public static string? Find(string runId, IReadOnlyDictionary<string, string>? attributes, string? body)
    {
        if (attributes is not null && attributes.TryGetValue(Attribute, out var id) && IsOfRun(runId, id))
        {
            return id;
        }

        if (body is not null && body.Contains(DetailField, StringComparison.Ordinal))
        {
            foreach (Match match in InBody().Matches(body))
            {
                var found = match.Groups["id"].Value;
                if (IsOfRun(runId, found))
                {
                    return found;
                }
            }
        }

        return null;
    }

    public static string? Find(string runId, ReceivedMessage message) => Find(runId, message.Attributes, message.Body);

    public static bool IsOfRun(string runId, string id) =>
        id.Length > runId.Length && id.StartsWith(runId, StringComparison.Ordinal) && id[runId.Length] == '/';

    // The field as JSON, or as JSON inside a JSON string (escaped quotes), as a dead-letter document may hold the event.
    [GeneratedRegex("""rl_message_id\\?"\s*:\s*\\?"(?<id>[^"\\]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex InBody();
}
