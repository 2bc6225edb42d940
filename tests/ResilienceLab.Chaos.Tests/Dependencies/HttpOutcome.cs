using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResilienceLab.Chaos.Dependencies;

namespace ResilienceLab.Chaos.Tests.Dependencies;

/// <summary>What a client saw for one request: a status, body and fault header, or a transport error.</summary>
internal sealed record HttpOutcome(int? Status, string Body, string? Fault, Exception? Error)
{
    public bool Failed => Error is not null;

    public bool IsReset => Error is not null && Chain(Error).OfType<SocketException>().Any(s => s.SocketErrorCode == SocketError.ConnectionReset);

    public bool IsJson
    {
        get
        {
            try
            {
                return JsonNode.Parse(Body) is not null;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }

    public static async Task<HttpOutcome> SendAsync(HttpClient http, Uri endpoint, bool closeConnection = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "work")) { Content = new StringContent("{\"order\":1}") };
        request.Headers.ConnectionClose = closeConnection;
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var fault = response.Headers.TryGetValues(DependencyServer.FaultHeader, out var values) ? values.Single() : null;
            return new HttpOutcome((int)response.StatusCode, body, fault, null);
        }
        catch (HttpRequestException ex)
        {
            return new HttpOutcome(null, string.Empty, null, ex);
        }
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
