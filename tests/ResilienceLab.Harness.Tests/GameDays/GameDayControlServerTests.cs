using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ResilienceLab.Harness.GameDays;

namespace ResilienceLab.Harness.Tests.GameDays;

/// <summary>The control endpoint against hostile clients: huge bodies, malformed notes, odd scheme spelling, a failing handler.</summary>
public sealed class GameDayControlServerTests : IAsyncLifetime
{
    private readonly RecordingControl _control = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };
    private GameDayControlServer _server = null!;

    public Task InitializeAsync()
    {
        _server = GameDayControlServer.Start(_control, port: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Note_BodyOverTheCap_Is413AndNotRecorded()
    {
        var text = new string('n', GameDayControlServer.MaxBodyBytes);

        using var response = await SendAsync(HttpMethod.Post, "notes", $"{{\"text\":\"{text}\"}}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_control.Notes);
    }

    [Fact]
    public async Task Note_ChunkedBodyOverTheCap_Is413()
    {
        using var request = Request(HttpMethod.Post, "notes");
        request.Content = new StreamContent(new MemoryStream(new byte[GameDayControlServer.MaxBodyBytes * 4]));
        request.Headers.TransferEncodingChunked = true;

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_control.Notes);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[\"text\"]")]
    [InlineData("{\"text\": 5}")]
    public async Task Note_MalformedBody_Is400(string body)
    {
        using var response = await SendAsync(HttpMethod.Post, "notes", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_control.Notes);
    }

    [Fact]
    public async Task Note_WithinTheCap_IsRecorded()
    {
        using var response = await SendAsync(HttpMethod.Post, "notes", "{\"text\":\"breaker opened\"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["breaker opened"], _control.Notes);
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("Bearer")]
    public async Task Request_BearerSchemeInAnyCase_IsAuthorized(string scheme)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.Url, "faults"));
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {_server.Token}");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Basic {0}")]
    [InlineData("Bearer{0}")]
    [InlineData("Bearer wrong")]
    public async Task Request_WrongSchemeOrToken_Is401(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.Url, "faults"));
        request.Headers.TryAddWithoutValidation("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, header, _server.Token));

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Request_HandlerThrows_Is500NotOk()
    {
        using var response = await SendAsync(HttpMethod.Post, "stop", null);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(_server.Url, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _server.Token);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body)
    {
        using var request = Request(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await _http.SendAsync(request);
    }

    private sealed class RecordingControl : IGameDayControl
    {
        public List<string> Notes { get; } = [];

        public IReadOnlyList<OperatorFaultInfo> Faults() => [];

        public ControlResult StartFault(string name) => ControlResult.Ok("started");

        public ControlResult StopFault(string name) => ControlResult.Ok("stopped");

        public ControlResult AddNote(string text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return ControlResult.Refused(ControlRefusal.Invalid, "empty");
            }

            lock (Notes)
            {
                Notes.Add(text);
            }

            return ControlResult.Ok("noted");
        }

        public ControlResult End() => throw new InvalidOperationException("the journal could not be written");

        public GameDayStatus Status() => throw new NotSupportedException();
    }
}
