namespace ResilienceLab.Infrastructure.Tests.Aws;

/// <summary>A fact that runs only when RESILIENCELAB_SQS_ENDPOINT names an SQS-compatible endpoint (ElasticMQ, LocalStack, AWS).</summary>
public sealed class SqsEndpointFactAttribute : FactAttribute
{
    public const string Variable = "RESILIENCELAB_SQS_ENDPOINT";

    public SqsEndpointFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set; set it to an SQS-compatible endpoint (for example http://127.0.0.1:9324) to run this test";
        }
    }
}
