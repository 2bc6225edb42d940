using System.Net;

namespace ResilienceLab.Stack.Tests.Fakes;

/// <summary>An HttpMessageHandler answering from a function: no network.</summary>
internal sealed class StubHttpHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> _respond;
    private int _requests;

    public StubHttpHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public int Requests => Volatile.Read(ref _requests);

    public static StubHttpHandler Always(HttpStatusCode status, string body = "{}") =>
        new((_, _, _) => Task.FromResult(Json(status, body)));

    public static HttpResponseMessage Json(HttpStatusCode status, string body = "{}") =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _requests);
        return _respond(request, n, cancellationToken);
    }
}
