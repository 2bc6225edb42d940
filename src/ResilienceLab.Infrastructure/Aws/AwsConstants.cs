namespace ResilienceLab.Infrastructure.Aws;

/// <summary>Defaults and names of the <c>aws</c> target, in one place.</summary>
public static class AwsConstants
{
    /// <summary>Region used when none is configured (the document's default).</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>Tag key naming the project (the document tags every resource with it).</summary>
    public const string ProjectTag = "Project";

    /// <summary>Tag key naming the deployment stage.</summary>
    public const string StageTag = "Stage";

    /// <summary>Tag key that marks a resource as ours; teardown deletes nothing without it.</summary>
    public const string CreatedByTag = "CreatedBy";

    /// <summary>The value of <see cref="CreatedByTag"/>.</summary>
    public const string CreatedByValue = "resilience-lab";

    /// <summary>SQS long-poll wait applied to every provisioned queue (the document sets 20 s).</summary>
    public const int ReceiveMessageWaitTimeSeconds = 20;

    /// <summary>SQS and EventBridge accept at most 10 entries per batch.</summary>
    public const int MaxBatchSize = 10;

    /// <summary>SQS caps a long poll at 20 seconds.</summary>
    public const int MaxWaitTimeSeconds = 20;

    /// <summary>How long provisioning waits for the breaker table to become ACTIVE.</summary>
    public static readonly TimeSpan TableActiveTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Pause between DescribeTable polls while waiting for ACTIVE.</summary>
    public static readonly TimeSpan TableActivePollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long one attempt of an AWS call waits for an answer, unless the config says otherwise.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How many times a transiently failed AWS call is tried again, unless the config says otherwise.</summary>
    public const int DefaultMaxRetries = 2;
}
