namespace ResilienceLab.Infrastructure.Aws;

/// <summary>One statement of a queue's resource policy: a service principal (<c>sns.amazonaws.com</c>, <c>events.amazonaws.com</c>) may send from these source ARNs.</summary>
internal sealed record QueuePolicyGrant(string Sid, string Principal, IReadOnlyList<string> SourceArns);
