namespace ResilienceLab.Reporting.Model;

/// <summary>Which run this was: enough to reproduce it (seed, config hash, commit) and to tell runs apart.</summary>
public sealed record RunIdentity
{
    public string? Label { get; init; }

    /// <summary>The id every message of the run carries (<c>RUNID/N</c>), so what the run left in queues can be told from other runs'; null in older reports.</summary>
    public string? RunId { get; init; }

    /// <summary>This agent's segment (<c>I/N</c>) of a run split across agents, <c>merged N</c> for a merged report, or null for a whole run.</summary>
    public string? Segment { get; init; }

    public int Seed { get; init; }

    public bool Quick { get; init; }

    public string Target { get; init; } = "local";

    /// <summary>Where each service lived (<c>sqs</c>, <c>sns</c>, <c>events</c>, <c>dynamodb</c>: <c>local</c>, <c>aws</c> or the endpoint URL); null in reports written before it was recorded.</summary>
    public IReadOnlyDictionary<string, string>? Placement { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public double DurationS { get; init; }

    /// <summary>Seconds at the start excluded from the summary and from window metrics.</summary>
    public double WarmUpS { get; init; }

    public string? ConfigHash { get; init; }

    public string? GitCommit { get; init; }

    public string? Machine { get; init; }

    public string? ToolVersion { get; init; }
}
