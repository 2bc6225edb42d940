using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ResilienceLab.Load;

namespace ResilienceLab.Cli.Commands;

/// <summary>
/// <c>gameday-ctl --url URL --token TOKEN (faults|start NAME|stop NAME|note TEXT|end|status)</c>: a second terminal's
/// client of a running game day's control endpoint. Exit 0 when done, 2 for bad usage or a refused command, 3 when the
/// game day cannot be reached.
/// </summary>
internal static class GameDayCtlCommand
{
    public const string TokenVariable = "RESILIENCE_LAB_GAMEDAY_TOKEN";

    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    public static Command Create(CliConsole console)
    {
        var url = new Option<string>("--url") { Description = "The control URL the game day printed (http://127.0.0.1:PORT/).", Required = true };
        var token = new Option<string?>("--token") { Description = $"The token the game day printed (or set {TokenVariable})." };
        var action = new Argument<string[]>("action") { Description = "faults | start NAME | stop NAME | note TEXT | end | status", Arity = ArgumentArity.OneOrMore };
        var command = new Command("gameday-ctl", "Control a running game day: list, start and stop faults, add a note, end it, or show its status.")
        {
            url, token, action,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var words = parse.GetValue(action) ?? [];
            var secret = parse.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable);
            if (string.IsNullOrWhiteSpace(secret))
            {
                console.WriteError($"error: --token is required (or set {TokenVariable})");
                return ExitCodes.InvalidInput;
            }

            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme != "http")
            {
                console.WriteError($"error: --url {InputText.Quote(parse.GetValue(url))} is not an http URL");
                return ExitCodes.InvalidInput;
            }

            var rest = string.Join(' ', words.Skip(1));
            (HttpMethod Method, string Path, string? Body)? call = (words[0], rest.Length > 0) switch
            {
                ("faults", false) => (HttpMethod.Get, "faults", null),
                ("status", false) => (HttpMethod.Get, "status", null),
                ("end", false) => (HttpMethod.Post, "stop", null),
                ("start", true) => (HttpMethod.Post, $"faults/{Uri.EscapeDataString(rest)}/start", null),
                ("stop", true) => (HttpMethod.Post, $"faults/{Uri.EscapeDataString(rest)}/stop", null),
                ("note", true) => (HttpMethod.Post, "notes", JsonSerializer.Serialize(new { text = rest })),
                _ => null,
            };
            if (call is not { } c)
            {
                console.WriteError($"error: {InputText.Quote(string.Join(' ', words))} is not a game day command; use faults, start NAME, stop NAME, note TEXT, end or status");
                return ExitCodes.InvalidInput;
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var request = new HttpRequestMessage(c.Method, new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + c.Path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret.Trim());
            if (c.Body is not null)
            {
                request.Content = new StringContent(c.Body, Encoding.UTF8, "application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                console.WriteError($"error: no game day answers at {baseUrl}: {ex.Message}");
                return ExitCodes.Aborted;
            }

            using (response)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    console.WriteError($"error: {(int)response.StatusCode} {Describe(response.StatusCode)}: {ErrorOf(text)}");
                    return ExitCodes.InvalidInput;
                }

                console.Output.Profile.Out.Writer.WriteLine(Render(words[0], text));
                return ExitCodes.Contained;
            }
        });
        return command;
    }

    private static string Describe(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "wrong or missing token",
        HttpStatusCode.NotFound => "not found",
        HttpStatusCode.Conflict => "refused",
        _ => status.ToString(),
    };

    private static string ErrorOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static string Render(string action, string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (action == "faults" && root.TryGetProperty("faults", out var faults))
        {
            var lines = faults.EnumerateArray().Select(f =>
                $"{f.GetProperty("name").GetString()}  {f.GetProperty("kind").GetString()} on {f.GetProperty("target").GetString()}  ({f.GetProperty("source").GetString()}){(f.GetProperty("active").GetBoolean() ? $"  ON, {f.GetProperty("requests_affected").GetInt64()} hit" : string.Empty)}").ToList();
            return lines.Count == 0 ? "no faults in the catalogue or schedule" : string.Join(Environment.NewLine, lines);
        }

        if (root.TryGetProperty("message", out var message))
        {
            return message.GetString() ?? body;
        }

        return JsonSerializer.Serialize(root, Pretty);
    }
}
