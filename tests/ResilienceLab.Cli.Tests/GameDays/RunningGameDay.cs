using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ResilienceLab.Cli.Tests.GameDays;

/// <summary>
/// A <c>gameday</c> command running in-process, driven as a facilitator in a second terminal would: it reads the control
/// line (and the metrics line when asked for) from the output and talks to the control endpoint with the token.
/// </summary>
internal sealed partial class RunningGameDay : IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private readonly CancellationTokenSource _safety;

    private RunningGameDay(Task<int> run, CancellationTokenSource safety, LockedStringWriter output, LockedStringWriter error)
    {
        Run = run;
        _safety = safety;
        Output = output;
        Error = error;
    }

    public Task<int> Run { get; }

    public LockedStringWriter Output { get; }

    public LockedStringWriter Error { get; }

    public Uri ControlUrl { get; private set; } = null!;

    public string Token { get; private set; } = string.Empty;

    public Uri? MetricsUrl { get; private set; }

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Starts <c>resilience-lab ARGS</c> and waits for its control line (and metrics line when <paramref name="expectMetrics"/>).</summary>
    public static async Task<RunningGameDay> StartAsync(bool expectMetrics, params string[] args)
    {
        var output = new LockedStringWriter();
        var error = new LockedStringWriter();
        var safety = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var game = new RunningGameDay(CliApplication.RunAsync(args, CliConsole.ForWriters(output, error), safety.Token), safety, output, error);
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < Patience)
        {
            var text = output.ToString();
            var control = ControlLine().Match(text);
            var metrics = MetricsLine().Match(text);
            if (control.Success && (metrics.Success || !expectMetrics))
            {
                game.ControlUrl = new Uri(control.Groups["url"].Value);
                game.Token = control.Groups["token"].Value;
                game.MetricsUrl = metrics.Success ? new Uri(metrics.Groups["url"].Value) : null;
                game.Http = new HttpClient { BaseAddress = game.ControlUrl, Timeout = TimeSpan.FromSeconds(10) };
                return game;
            }

            if (game.Run.IsCompleted)
            {
                Assert.Fail($"the game day ended before it printed its control line (exit {game.Run.Result}): {text}{error}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        throw new TimeoutException("no control line: " + output);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token = null, string? body = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return Http.SendAsync(request);
    }

    public async Task<JsonElement> StatusAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "status");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <see cref="Patience"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what = "the condition")
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < Patience, $"{what} did not come true");
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        }
    }

    public void Dispose()
    {
        // A test that failed half-way still ends its game day.
        _safety.Cancel();
        Http?.Dispose();
        _safety.Dispose();
        Output.Dispose();
        Error.Dispose();
    }

    [GeneratedRegex(@"control: (?<url>http://127\.0\.0\.1:\d+/) token: (?<token>[0-9a-f]+)")]
    private static partial Regex ControlLine();

    [GeneratedRegex(@"metrics: (?<url>http://127\.0\.0\.1:\d+/metrics)")]
    private static partial Regex MetricsLine();
}
