using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ResilienceLab.Tests.Shared;

/// <summary>
/// An OTLP/HTTP collector for tests on 127.0.0.1 (free port): accepts protobuf exports on <c>/v1/traces</c> and
/// <c>/v1/metrics</c>, answers 200 with an empty response message, and decodes what arrived with <see cref="OtlpProtobuf"/>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> _received = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        _listener.Prefixes.Add(Url.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The collector's base address, as <c>--otlp-endpoint</c> takes it.</summary>
    public Uri Url { get; }

    /// <summary>Content types of the exports that arrived, by path.</summary>
    public IReadOnlyList<(string Path, string? ContentType)> Requests => [.. _received.Select(r => (r.Path, r.ContentType))];

    public IReadOnlyList<OtlpSpan> Spans => [.. _received.Where(r => r.Path == "/v1/traces").SelectMany(r => OtlpProtobuf.Spans(r.Body))];

    public IReadOnlyList<string> MetricNames => [.. _received.Where(r => r.Path == "/v1/metrics").SelectMany(r => OtlpProtobuf.MetricNames(r.Body)).Distinct(StringComparer.Ordinal)];

    /// <summary>The resource attributes of every trace export (string values).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> TraceResources => [.. _received.Where(r => r.Path == "/v1/traces").SelectMany(r => OtlpProtobuf.Resources(r.Body))];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _listener.Close();
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.ContentLength64 = 0;
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException)
            {
                // The exporter gave up on this request; it retries or drops it.
            }
            finally
            {
                context.Response.Close();
            }
        }
    }
}
