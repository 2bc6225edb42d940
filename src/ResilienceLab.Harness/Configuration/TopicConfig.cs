namespace ResilienceLab.Harness.Configuration;

/// <summary>A <c>pub_sub_topics</c> entry and the queues subscribed to it.</summary>
public sealed record TopicConfig(string Name, IReadOnlyList<string> Subscribers);
