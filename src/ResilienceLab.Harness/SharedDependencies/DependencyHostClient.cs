using System.Net.Sockets;
using System.Text.Json;
using ResilienceLab.Harness.Input;
using ResilienceLab.Harness.Observations;
using ResilienceLab.Load;

namespace ResilienceLab.Harness.SharedDependencies;

/// <summary>
/// An agent's or merge's side of a dependency host: asks it (or reads a saved <c>dependencies.json</c>) for its servers'
/// ports and records, and turns the ports into the addresses the agent's service registry calls.
/// </summary>
public static class DependencyHostClient
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);

    /// <summary>GET <paramref name="host"/><c>/path</c>, retrying while the host is not up yet (a pod starting) for up to <paramref name="patience"/>.</summary>
    /// <exception cref="InvalidInputException">The host did not answer in time, or answered with something else than its records (names <paramref name="option"/>).</exception>
    public static async Task<DependencyHostRecords> FetchAsync(Uri host, string path, string option, TimeSpan patience, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(time);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        var started = time.GetTimestamp();
        var url = new Uri(host, path);
        while (true)
        {
            string? why;
            try
            {
                using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return Parse(body, url.AbsoluteUri, option);
                }

                why = $"answered {(int)response.StatusCode}: {InputText.Excerpt(body)}";
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException || ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
            {
                why = $"not reachable ({InputText.Excerpt(ex.Message)})";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                why = "did not answer within 30 s";
            }

            if (time.GetElapsedTime(started) + RetryEvery > patience)
            {
                throw new InvalidInputException([new InputProblem(option, string.Empty, $"the dependency host at {url.AbsoluteUri} {why}")]);
            }

            await Task.Delay(RetryEvery, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A host's records for merge: from its API when <paramref name="urlOrFile"/> is an http(s) URL, else from a saved file.</summary>
    /// <exception cref="InvalidInputException">Not reachable, not readable, or not a host's records.</exception>
    public static async Task<DependencyHostRecords> ReadRecordsAsync(string urlOrFile, string option, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urlOrFile);
        if (Uri.TryCreate(urlOrFile, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return await FetchAsync(url, "records", option, TimeSpan.FromSeconds(10), time, cancellationToken).ConfigureAwait(false);
        }

        var file = Directory.Exists(urlOrFile) ? Path.Combine(urlOrFile, DependencyHostRecords.FileName) : urlOrFile;
        try
        {
            return Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), file, option);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException([new InputProblem(option, string.Empty, $"{file}: {InputText.Excerpt(ex.Message)} (give the host's URL or its {DependencyHostRecords.FileName})")]);
        }
    }

    /// <summary>Where an agent calls each service: the host's address (as the agent reaches it) at the service's port.</summary>
    public static IReadOnlyDictionary<string, Uri> Endpoints(Uri host, DependencyHostRecords records)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(records);
        return records.Services.ToDictionary(s => s.Key, s => new UriBuilder(Uri.UriSchemeHttp, host.Host, s.Value.Port, "/").Uri, StringComparer.Ordinal);
    }

    private static DependencyHostRecords Parse(string json, string source, string option)
    {
        try
        {
            var records = DependencyHostJson.Deserialize(json);
            return records.SchemaVersion == DependencyHostRecords.CurrentSchemaVersion && records.Services is not null && records.Scenario is not null
                ? records
                : throw new JsonException($"schema_version {records.SchemaVersion} is not this version's {DependencyHostRecords.CurrentSchemaVersion}");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            throw new InvalidInputException([new InputProblem(option, string.Empty, $"{source} is not a dependency host's records: {InputText.Excerpt(ex.Message)}")]);
        }
    }
}
