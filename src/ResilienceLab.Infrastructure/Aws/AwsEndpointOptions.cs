using System.Net;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SQS;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// Where the <c>aws</c> target sends its calls: a region and, optionally, one endpoint per service
/// (LocalStack, ElasticMQ, DynamoDB Local). Credentials come from the SDK's standard chain; when an
/// endpoint is a loopback address and the chain finds nothing, dummy credentials are used so local
/// emulators work. Credentials are never held by this type, so they cannot leak through it into logs.
/// </summary>
public sealed record AwsEndpointOptions
{
    /// <summary>The dummy access key (and secret) used for a loopback endpoint when the SDK chain finds no credentials.</summary>
    public const string LoopbackAccessKey = "ResilienceLabLocal";

    /// <summary>The AWS region.</summary>
    /// <value>Defaults to <c>us-east-1</c>, the document's default.</value>
    public string Region { get; init; } = AwsConstants.DefaultRegion;

    /// <summary>SQS endpoint override, for example <c>http://127.0.0.1:9324</c> for ElasticMQ.</summary>
    /// <value>Defaults to null: the regional AWS endpoint.</value>
    public Uri? SqsServiceUrl { get; init; }

    /// <summary>DynamoDB endpoint override, for example <c>http://127.0.0.1:8000</c> for DynamoDB Local.</summary>
    /// <value>Defaults to null: the regional AWS endpoint.</value>
    public Uri? DynamoDbServiceUrl { get; init; }

    /// <summary>EventBridge endpoint override, for example LocalStack's <c>http://127.0.0.1:4566</c>.</summary>
    /// <value>Defaults to null: <c>https://events.{region}.amazonaws.com</c>.</value>
    public Uri? EventsServiceUrl { get; init; }

    /// <summary>SDK retries per call; null keeps the SDK's default. Tests set 0.</summary>
    /// <value>Defaults to null.</value>
    public int? MaxErrorRetry { get; init; }

    /// <summary>Timeout of one HTTP call.</summary>
    /// <value>Defaults to null: the SDK's default (100 s).</value>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Region))
        {
            problems.Add("Region: must not be empty");
        }

        AddUrlProblem(problems, nameof(SqsServiceUrl), SqsServiceUrl);
        AddUrlProblem(problems, nameof(DynamoDbServiceUrl), DynamoDbServiceUrl);
        AddUrlProblem(problems, nameof(EventsServiceUrl), EventsServiceUrl);
        if (MaxErrorRetry is < 0)
        {
            problems.Add("MaxErrorRetry: must be 0 or more");
        }

        if (RequestTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            problems.Add("RequestTimeout: must be positive");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem, if any.</summary>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid AWS endpoint options: " + string.Join("; ", problems));
        }
    }

    /// <summary>The SQS client configuration these options describe.</summary>
    public AmazonSQSConfig CreateSqsConfig() => Configure(new AmazonSQSConfig(), SqsServiceUrl);

    /// <summary>The DynamoDB client configuration these options describe.</summary>
    public AmazonDynamoDBConfig CreateDynamoDbConfig() => Configure(new AmazonDynamoDBConfig(), DynamoDbServiceUrl);

    /// <summary>The EventBridge endpoint: the override, or the regional endpoint.</summary>
    public Uri ResolveEventsEndpoint() => EventsServiceUrl ?? new Uri($"https://events.{Region}.amazonaws.com/");

    /// <summary>
    /// Credentials for a client calling <paramref name="serviceUrl"/>: the SDK's default chain, or dummy
    /// credentials when the chain finds none and the endpoint is loopback (emulators accept any key).
    /// </summary>
    public static AWSCredentials ResolveCredentials(Uri? serviceUrl)
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
        }
        catch (AmazonClientException) when (IsLoopback(serviceUrl))
        {
            // DynamoDB Local (2.x) rejects access key ids with anything but letters and digits.
            return new BasicAWSCredentials(LoopbackAccessKey, LoopbackAccessKey);
        }
    }

    /// <summary>True when <paramref name="serviceUrl"/> points at this machine.</summary>
    public static bool IsLoopback(Uri? serviceUrl)
    {
        if (serviceUrl is null)
        {
            return false;
        }

        if (serviceUrl.IsLoopback)
        {
            return true;
        }

        return IPAddress.TryParse(serviceUrl.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    private T Configure<T>(T config, Uri? serviceUrl)
        where T : ClientConfig
    {
        if (serviceUrl is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }
        else
        {
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = Region;
        }

        if (MaxErrorRetry is { } retries)
        {
            config.MaxErrorRetry = retries;
        }

        if (RequestTimeout is { } timeout)
        {
            config.Timeout = timeout;
        }

        return config;
    }

    private static void AddUrlProblem(List<string> problems, string name, Uri? url)
    {
        if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            problems.Add($"{name}: must be an absolute http or https URL");
        }
    }
}
