using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ResilienceLab.Load;

namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// The game day's control endpoint on <c>http://127.0.0.1:PORT/</c>; every request needs <c>Authorization: Bearer TOKEN</c>
/// (a random token, printed at start; anything else is 401). JSON API: <c>GET /faults</c>, <c>POST /faults/{name}/start</c>,
/// <c>POST /faults/{name}/stop</c>, <c>POST /notes {"text": ...}</c>, <c>POST /stop</c>, <c>GET /status</c>.
/// </summary>
public sealed class GameDayControlServer : IAsyncDisposable
{
    /// <summary>The largest request body the endpoint reads; a larger one is answered 413. <value>64 KiB.</value></summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IGameDayControl _control;
    private readonly byte[] _token;
    private readonly LoopbackHttpServer _server;

    private GameDayControlServer(IGameDayControl control, string token, int? port)
    {
        _control = control;
        Token = token;
        _token = Encoding.UTF8.GetBytes(token);
        _server = LoopbackHttpServer.Start(port, HandleAsync);
    }

    public Uri Url => _server.Url;

    public string Token { get; }

    /// <summary>Starts the endpoint with a fresh random token; <paramref name="port"/> null or 0 picks a free port.</summary>
    public static GameDayControlServer Start(IGameDayControl control, int? port)
    {
        ArgumentNullException.ThrowIfNull(control);
        return new GameDayControlServer(control, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), port);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        if (!Authorized(request.Headers["Authorization"]))
        {
            context.Response.AddHeader("WWW-Authenticate", "Bearer");
            await WriteAsync(context, HttpStatusCode.Unauthorized, new { error = "missing or wrong bearer token" }).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(request).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, HttpStatusCode.RequestEntityTooLarge, new { error = $"the request body is larger than {MaxBodyBytes / 1024} KiB" }).ConfigureAwait(false);
            return;
        }

        var path = (request.Url?.AbsolutePath ?? "/").TrimEnd('/');
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var method = request.HttpMethod;
        switch (segments)
        {
            case ["faults"] when method == "GET":
                await WriteAsync(context, HttpStatusCode.OK, new { faults = _control.Faults() }).ConfigureAwait(false);
                break;
            case ["faults", var name, "start"] when method == "POST":
                await WriteAsync(context, _control.StartFault(name)).ConfigureAwait(false);
                break;
            case ["faults", var name, "stop"] when method == "POST":
                await WriteAsync(context, _control.StopFault(name)).ConfigureAwait(false);
                break;
            case ["notes"] when method == "POST":
                await WriteAsync(context, NoteText(body) is { } text ? _control.AddNote(text) : ControlResult.Refused(ControlRefusal.Invalid, "the body must be a JSON object {\"text\": \"...\"}")).ConfigureAwait(false);
                break;
            case ["stop"] when method == "POST":
                await WriteAsync(context, _control.End()).ConfigureAwait(false);
                break;
            case ["status"] when method == "GET":
                await WriteAsync(context, HttpStatusCode.OK, _control.Status()).ConfigureAwait(false);
                break;
            default:
                await WriteAsync(context, HttpStatusCode.NotFound, new { error = $"no {method} {InputText.Excerpt(path)}; try GET /faults, POST /faults/NAME/start, POST /faults/NAME/stop, POST /notes, POST /stop, GET /status" }).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The bearer token, with the scheme in any case (RFC 9110: auth schemes are case-insensitive).</summary>
    private bool Authorized(string? header)
    {
        const string Scheme = "Bearer";
        var value = header?.Trim();
        if (value is null || value.Length <= Scheme.Length || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) || !char.IsWhiteSpace(value[Scheme.Length]))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(value[Scheme.Length..].Trim()), _token);
    }

    /// <summary>The body as text, or null when it is larger than <see cref="MaxBodyBytes"/> (never read past the cap).</summary>
    private static async Task<string?> ReadBodyAsync(HttpListenerRequest request)
    {
        if (request.ContentLength64 > MaxBodyBytes)
        {
            return null;
        }

        if (!request.HasEntityBody)
        {
            return string.Empty;
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.InputStream.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        return length > MaxBodyBytes ? null : Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static string? NoteText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                ? text.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task WriteAsync(HttpListenerContext context, ControlResult result)
    {
        var status = result.Refusal switch
        {
            null => HttpStatusCode.OK,
            ControlRefusal.UnknownFault => HttpStatusCode.NotFound,
            ControlRefusal.Invalid => HttpStatusCode.BadRequest,
            _ => HttpStatusCode.Conflict,
        };
        return result.Done
            ? WriteAsync(context, status, new { ok = true, message = result.Message })
            : WriteAsync(context, status, new { ok = false, error = result.Message });
    }

    private static async Task WriteAsync(HttpListenerContext context, HttpStatusCode status, object body)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }
}
