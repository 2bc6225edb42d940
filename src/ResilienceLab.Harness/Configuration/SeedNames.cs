using ResilienceLab.Harness.Input;

namespace ResilienceLab.Harness.Configuration;

/// <summary>
/// The document's own config field names (<c>endpoint_url</c>, <c>request_queue_url</c>, <c>response_topic_arn</c>,
/// <c>dead_letter_queue_url</c>) beside the shorter ones, and how their URLs and ARNs point at the config's queues and
/// topics: by logical name, or by the physical name (<c>$project-$name-$stage</c>) at the end of the URL or ARN.
/// </summary>
internal sealed class SeedNames
{
    private readonly string _project;
    private readonly string _stage;
    private readonly IReadOnlyList<string> _queues;
    private readonly IReadOnlyList<string> _topics;

    public SeedNames(string project, string stage, IReadOnlyList<MessageQueueConfig> queues, IReadOnlyList<TopicConfig> topics)
    {
        _project = project;
        _stage = stage;
        _queues = [.. queues.Select(q => q.Name), .. queues.Where(q => q.DeadLetterQueue is not null).Select(q => q.DeadLetterQueue!.Name)];
        _topics = [.. topics.Select(t => t.Name)];
    }

    /// <summary>The value of <paramref name="name"/> or of the document's <paramref name="seedName"/>; giving both is a problem.</summary>
    public static string? Either(JsonSection section, string name, string seedName)
    {
        var value = section.OptionalString(name);
        var seed = section.OptionalString(seedName);
        if (value is not null && seed is not null)
        {
            section.Problems.Add(section.FieldPath(seedName), $"give either {name} or {seedName}, not both");
        }

        return value ?? seed;
    }

    /// <summary>The queue a name, URL or ARN means; unchanged when it means none of the config's (the reference checks then report it).</summary>
    public string? Queue(string? reference) => Resolve(reference, _queues);

    /// <summary>The topic a name or ARN means; unchanged when it means none of the config's.</summary>
    public string? Topic(string? reference) => Resolve(reference, _topics);

    /// <summary>The logical name inside a physical one (<c>$project-NAME-$stage</c>, as the document names its event bus); otherwise the name itself.</summary>
    public string Logical(string name)
    {
        var prefix = _project + "-";
        var suffix = "-" + _stage;
        return name.Length > prefix.Length + suffix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal)
            ? name[prefix.Length..^suffix.Length]
            : name;
    }

    private string? Resolve(string? reference, IReadOnlyList<string> names)
    {
        if (reference is null || names.Contains(reference))
        {
            return reference;
        }

        var trimmed = reference.TrimEnd('/');
        var last = trimmed[(trimmed.LastIndexOfAny(['/', ':']) + 1)..];
        return names.FirstOrDefault(n => n == last || $"{_project}-{n}-{_stage}" == last) ?? reference;
    }
}
