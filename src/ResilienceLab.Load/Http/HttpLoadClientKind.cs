namespace ResilienceLab.Load.Http;

/// <summary>Which client sends the requests of an <see cref="HttpLoadTest"/>.</summary>
public enum HttpLoadClientKind
{
    /// <summary><see cref="Http1"/> for http:// URLs, <see cref="HttpClient"/> for https://.</summary>
    Auto,

    /// <summary>The lean HTTP/1.1 client over sockets (plain http:// only): pre-encoded request, body skipped, wrk's way.</summary>
    Http1,

    /// <summary>HttpClient over SocketsHttpHandler (http:// and https://).</summary>
    HttpClient,
}
