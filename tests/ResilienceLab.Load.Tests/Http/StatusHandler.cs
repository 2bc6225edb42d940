using System.Net;

namespace ResilienceLab.Load.Tests.Http;

/// <summary>An in-memory HTTP handler answering every request with one status.</summary>
internal sealed class StatusHandler(HttpStatusCode status) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent("busy") });
}
