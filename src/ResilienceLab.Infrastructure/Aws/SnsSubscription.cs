namespace ResilienceLab.Infrastructure.Aws;

/// <summary>A topic's subscription as ListSubscriptionsByTopic returns it: its ARN, protocol (<c>sqs</c>) and endpoint (a queue ARN).</summary>
public sealed record SnsSubscription(string Arn, string Protocol, string Endpoint);
