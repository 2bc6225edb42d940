using System.Net;
using System.Net.Http.Headers;
using Amazon.Runtime;
using ResilienceLab.Stack.Ports;

namespace ResilienceLab.Infrastructure.Aws;

/// <summary>
/// POSTs SigV4-signed requests to one AWS endpoint for the services whose SDK package is not available (EventBridge,
/// SNS), each call bounded and retried by an <see cref="AwsCallPolicy"/>. The caller turns an error answer into a
/// <see cref="PortException"/>; a transient one (5xx, throttling) is tried again.
/// </summary>
internal sealed class SignedAwsHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly string _region;
    private readonly string _service;
    private readonly AWSCredentials _credentials;
    private readonly TimeProvider _timeProvider;

    public SignedAwsHttp(HttpClient http, bool ownsHttpClient, Uri endpoint, string region, string service, AWSCredentials credentials, TimeProvider timeProvider, AwsCallPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(policy);
        _http = http;
        _ownsHttpClient = ownsHttpClient;
        Endpoint = endpoint;
        _region = region;
        _service = service;
        _credentials = credentials;
        _timeProvider = timeProvider;
        Policy = policy;
    }

    public Uri Endpoint { get; }

    public AwsCallPolicy Policy { get; }

    /// <summary>On a caller's HttpClient (not disposed here); <paramref name="policy"/> null for the default bound, naming the endpoint as <paramref name="label"/>'s.</summary>
    public static SignedAwsHttp OnClient(
        HttpClient http, Uri endpoint, string region, string service, string label, AWSCredentials credentials, TimeProvider timeProvider, AwsCallPolicy? policy)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        policy ??= new AwsCallPolicy(
            $"the {label} endpoint {endpoint}", AwsConstants.DefaultCallTimeout, AwsConstants.DefaultMaxRetries, timeProvider, endpoint.GetLeftPart(UriPartial.Authority));
        return new SignedAwsHttp(http, ownsHttpClient: false, endpoint, region, service, credentials, timeProvider, policy);
    }

    /// <summary>With its own HttpClient (the policy times attempts out, so the client never does) and credentials from the SDK chain.</summary>
    public static SignedAwsHttp ForOptions(AwsEndpointOptions options, Uri endpoint, string service, AwsCallPolicy policy, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        return new SignedAwsHttp(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, ownsHttpClient: true, endpoint, options.Region, service, AwsEndpointOptions.ResolveCredentials(endpoint), timeProvider, policy);
    }

    /// <summary>
    /// Posts <paramref name="payload"/> and returns the answer's body; <paramref name="error"/> turns a non-success answer
    /// (status, body, headers) into the exception to throw.
    /// </summary>
    public Task<string> PostAsync(
        string operation,
        byte[] payload,
        MediaTypeHeaderValue contentType,
        IReadOnlyList<KeyValuePair<string, string>> extraSignedHeaders,
        Func<HttpStatusCode, string, HttpResponseHeaders, PortException> error,
        CancellationToken cancellationToken) =>
        Policy.ExecuteAsync(operation, async token =>
        {
            HttpResponseMessage response;
            string text;
            try
            {
                using var request = await CreateSignedRequestAsync(payload, contentType, extraSignedHeaders, token).ConfigureAwait(false);
                response = await _http.SendAsync(request, token).ConfigureAwait(false);
                text = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                throw AwsErrorMapping.ToPortException(operation, exception);
            }

            using (response)
            {
                return response.IsSuccessStatusCode ? text : throw error(response.StatusCode, text, response.Headers);
            }
        }, cancellationToken);

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _http.Dispose();
        }
    }

    private async Task<HttpRequestMessage> CreateSignedRequestAsync(
        byte[] payload, MediaTypeHeaderValue contentType, IReadOnlyList<KeyValuePair<string, string>> extraSignedHeaders, CancellationToken cancellationToken)
    {
        var credentials = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var now = _timeProvider.GetUtcNow();
        var amzDate = AwsSigV4Signer.FormatAmzDate(now);
        var signed = new List<KeyValuePair<string, string>>
        {
            new("content-type", contentType.ToString()),
            new("host", Endpoint.Authority),
            new("x-amz-date", amzDate),
        };
        signed.AddRange(extraSignedHeaders);
        if (credentials.UseToken)
        {
            signed.Add(new("x-amz-security-token", credentials.Token));
        }

        var authorization = AwsSigV4Signer.ComputeAuthorization(
            "POST", Endpoint, signed, payload, credentials.AccessKey, credentials.SecretKey, _region, _service, now);

        var content = new ByteArrayContent(payload);
        content.Headers.ContentType = contentType;
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        foreach (var (name, value) in extraSignedHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }
}
