namespace ResilienceLab.Harness.Configuration;

/// <summary>
/// Optional per-resource endpoint overrides for the aws target (<c>endpoints</c>): point SQS, DynamoDB or EventBridge at
/// LocalStack, ElasticMQ, DynamoDB Local or a real region. Credentials never live here: they come from the AWS SDK chain.
/// </summary>
public sealed record EndpointsConfig(Uri? Sqs, Uri? DynamoDb, Uri? Events);
