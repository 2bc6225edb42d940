using System.Net;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SQS;
using ResilienceLab.Infrastructure.Provisioning;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// How the services placed outside this process are called: a region, optionally an endpoint per service (fauxqs,
/// DynamoDB Local, LocalStack, ElasticMQ), and the bound of every call (<see cref="CallTimeout"/>, <see cref="MaxRetries"/>).
/// Credentials come from the SDK's standard chain; when an endpoint is a loopback address and the chain finds nothing,
/// dummy credentials are used so local emulators work. Credentials are never held by this type, so they cannot leak
/// through it into logs.
/// </summary>
public sealed record AwsEndpointOptions
{
    /// <summary>The dummy access key (and secret) used for a loopback endpoint when the SDK chain finds no credentials.</summary>
    public const string LoopbackAccessKey = "ResilienceLabLocal";

    /// <summary>The AWS region.</summary>
    /// <value>Defaults to <c>us-east-1</c>, the document's default.</value>
    public string Region { get; init; } = AwsConstants.DefaultRegion;

    /// <summary>SQS endpoint override, for example <c>http://127.0.0.1:4566</c> for fauxqs.</summary>
    /// <value>Defaults to null: the regional AWS endpoint.</value>
    public Uri? SqsServiceUrl { get; init; }

    /// <summary>SNS endpoint override, for example <c>http://127.0.0.1:4566</c> for fauxqs.</summary>
    /// <value>Defaults to null: <c>https://sns.{region}.amazonaws.com</c>.</value>
    public Uri? SnsServiceUrl { get; init; }

    /// <summary>DynamoDB endpoint override, for example <c>http://127.0.0.1:8000</c> for DynamoDB Local.</summary>
    /// <value>Defaults to null: the regional AWS endpoint.</value>
    public Uri? DynamoDbServiceUrl { get; init; }

    /// <summary>EventBridge endpoint override, for example LocalStack's <c>http://127.0.0.1:4566</c>.</summary>
    /// <value>Defaults to null: <c>https://events.{region}.amazonaws.com</c>.</value>
    public Uri? EventsServiceUrl { get; init; }

    /// <summary>How long one attempt of a call waits for an answer (a long poll waits this on top of its wait time).</summary>
    /// <value>Defaults to 2 seconds.</value>
    public TimeSpan CallTimeout { get; init; } = AwsConstants.DefaultCallTimeout;

    /// <summary>How many times a call that failed transiently (no answer, 5xx, throttling) is tried again.</summary>
    /// <value>Defaults to 2.</value>
    public int MaxRetries { get; init; } = AwsConstants.DefaultMaxRetries;

    /// <summary>Options reaching the services <paramref name="placements"/> puts on AWS or an endpoint.</summary>
    public static AwsEndpointOptions For(string region, ServicePlacements placements) => new()
    {
        Region = region,
        SqsServiceUrl = placements.Sqs.Endpoint,
        SnsServiceUrl = placements.Sns.Endpoint,
        EventsServiceUrl = placements.Events.Endpoint,
        DynamoDbServiceUrl = placements.DynamoDb.Endpoint,
    };

    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Region))
        {
            problems.Add("Region: must not be empty");
        }

        AddUrlProblem(problems, nameof(SqsServiceUrl), SqsServiceUrl);
        AddUrlProblem(problems, nameof(SnsServiceUrl), SnsServiceUrl);
        AddUrlProblem(problems, nameof(DynamoDbServiceUrl), DynamoDbServiceUrl);
        AddUrlProblem(problems, nameof(EventsServiceUrl), EventsServiceUrl);
        if (MaxRetries < 0)
        {
            problems.Add("MaxRetries: must be 0 or more");
        }

        if (CallTimeout <= TimeSpan.Zero)
        {
            problems.Add("CallTimeout: must be positive");
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

    /// <summary>
    /// The SQS client configuration: no retries and a timeout above the longest long poll, because every SQS call goes
    /// through <see cref="SqsPolicy"/>, which bounds and retries each attempt itself.
    /// </summary>
    public AmazonSQSConfig CreateSqsConfig()
    {
        var config = Configure(new AmazonSQSConfig(), SqsServiceUrl);
        config.MaxErrorRetry = 0;
        config.Timeout = CallTimeout + TimeSpan.FromSeconds(AwsConstants.MaxWaitTimeSeconds + 1);
        return config;
    }

    /// <summary>The DynamoDB client configuration: the SDK times out each attempt after <see cref="CallTimeout"/> and retries <see cref="MaxRetries"/> times.</summary>
    public AmazonDynamoDBConfig CreateDynamoDbConfig()
    {
        var config = Configure(new AmazonDynamoDBConfig(), DynamoDbServiceUrl);
        config.MaxErrorRetry = MaxRetries;
        config.Timeout = CallTimeout;
        return config;
    }

    /// <summary>The EventBridge endpoint: the override, or the regional endpoint.</summary>
    public Uri ResolveEventsEndpoint() => EventsServiceUrl ?? new Uri($"https://events.{Region}.amazonaws.com/");

    /// <summary>The SNS endpoint: the override, or the regional endpoint.</summary>
    public Uri ResolveSnsEndpoint() => SnsServiceUrl ?? new Uri($"https://sns.{Region}.amazonaws.com/");

    /// <summary>The bound of SQS calls, naming the endpoint in errors.</summary>
    public AwsCallPolicy SqsPolicy(TimeProvider timeProvider) =>
        new(Describe("SQS", SqsServiceUrl), CallTimeout, MaxRetries, timeProvider, Address("SQS", SqsServiceUrl));

    /// <summary>The bound of SNS calls.</summary>
    public AwsCallPolicy SnsPolicy(TimeProvider timeProvider) =>
        new(Describe("SNS", SnsServiceUrl), CallTimeout, MaxRetries, timeProvider, Address("SNS", SnsServiceUrl));

    /// <summary>The bound of EventBridge calls.</summary>
    public AwsCallPolicy EventsPolicy(TimeProvider timeProvider) =>
        new(Describe("EventBridge", EventsServiceUrl), CallTimeout, MaxRetries, timeProvider, Address("EventBridge", EventsServiceUrl));

    /// <summary>
    /// The bound of DynamoDB provisioning calls: the SDK already times out and retries each attempt
    /// (<see cref="CreateDynamoDbConfig"/>), so this only caps the whole call and names the endpoint.
    /// </summary>
    public AwsCallPolicy DynamoDbPolicy(TimeProvider timeProvider) =>
        new(Describe("DynamoDB", DynamoDbServiceUrl), (CallTimeout * (MaxRetries + 1)) + TimeSpan.FromSeconds(1), 0, timeProvider, Address("DynamoDB", DynamoDbServiceUrl));

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

    private string Address(string service, Uri? url) => url?.GetLeftPart(UriPartial.Authority) ?? $"{service} in {Region}";

    private string Describe(string service, Uri? url) => url is null ? $"the {service} endpoint of {Region}" : $"the {service} endpoint {url}";

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
