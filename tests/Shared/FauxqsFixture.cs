using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SQS;
using ResilienceLab.Infrastructure.Aws;

namespace ResilienceLab.Tests.Shared;

/// <summary>
/// Runs fauxqs, an SQS/SNS emulator from npm, on a free loopback port for the tests of a class. The package (1.9.x, the
/// line that runs on Node 20) is installed once with <c>npm install</c> into $RESILIENCELAB_CACHE/fauxqs-VERSION
/// (default ~/.cache/resiliencelab/fauxqs-VERSION); tests/Shared/fauxqs-launcher.mjs starts it on 127.0.0.1 only and
/// stops it when the test process lets go of its input. Linked into each test project that needs it.
/// </summary>
public sealed class FauxqsFixture : IAsyncLifetime
{
    public const string Version = "1.9.2";
    private const string Launcher = "fauxqs-launcher.mjs";
    private const int MinimumNodeMajor = 20;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private Process? _process;
    private HttpClient? _http;

    /// <summary>True when RESILIENCELAB_REQUIRE_FAUXQS=1: missing prerequisites fail the tests.</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable("RESILIENCELAB_REQUIRE_FAUXQS") == "1";

    public Uri ServiceUrl { get; private set; } = new("http://127.0.0.1:1");

    /// <summary>An SQS client on the emulator (dummy credentials, us-east-1, no retries).</summary>
    public AmazonSQSClient Sqs { get; private set; } = null!;

    /// <summary>An SNS client on the emulator.</summary>
    public SnsClient Sns { get; private set; } = null!;

    // Installed at most once per process: the skip decision (made when tests are discovered) and the fixture share it.
    private static readonly Lazy<string?> InstallFailure = new(() =>
    {
        try
        {
            EnsureInstalledAsync().GetAwaiter().GetResult();
            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            return "fauxqs could not be installed: " + exception.Message;
        }
    });

    /// <summary>Why fauxqs cannot run here (no node 20+, or no package and npm failed to install it), or null.</summary>
    public static string? MissingPrerequisite()
    {
        if (EmulatorTools.FindOnPath("node") is null)
        {
            return "node is not on PATH, so fauxqs cannot run";
        }

        var version = EmulatorTools.RunAsync("node", Path.GetTempPath(), "--version").GetAwaiter().GetResult().Trim().TrimStart('v');
        if (!int.TryParse(version.Split('.')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var major) || major < MinimumNodeMajor)
        {
            return $"node {version} is older than {MinimumNodeMajor}, which fauxqs {Version} needs";
        }

        if (File.Exists(EntryPath()))
        {
            return null;
        }

        if (EmulatorTools.FindOnPath("npm") is null)
        {
            return "npm is not on PATH and fauxqs is not installed, so it cannot be fetched";
        }

        return InstallFailure.Value;
    }

    public async Task InitializeAsync()
    {
        var missing = MissingPrerequisite();
        if (missing is not null)
        {
            if (IsRequired)
            {
                throw new InvalidOperationException(missing);
            }

            return;
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, Launcher));
        start.ArgumentList.Add(EntryPath());
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var errors = _process.StandardError.ReadToEndAsync();
        var line = await _process.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout).ConfigureAwait(false);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"fauxqs did not start: {line} {await errors.ConfigureAwait(false)}");
        }

        ServiceUrl = new Uri(line["listening ".Length..].Trim() + "/");
        Sqs = new AmazonSQSClient(
            new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"),
            new AmazonSQSConfig { ServiceURL = ServiceUrl.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        Sns = SnsClient.Create(new AwsEndpointOptions { SnsServiceUrl = ServiceUrl }, TimeProvider.System);
        _http = new HttpClient { BaseAddress = ServiceUrl };
    }

    /// <summary>Every message fauxqs holds in a queue (ready, delayed and in flight), read without touching it.</summary>
    public async Task<IReadOnlyList<FauxqsMessage>> InspectQueueAsync(string physicalName)
    {
        using var response = await _http!.GetAsync(new Uri("_fauxqs/queues/" + Uri.EscapeDataString(physicalName), UriKind.Relative)).ConfigureAwait(false);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        var messages = document.RootElement.GetProperty("messages");
        return
        [
            .. messages.GetProperty("ready").EnumerateArray().Select(Message),
            .. messages.GetProperty("delayed").EnumerateArray().Select(Message),
            .. messages.GetProperty("inflight").EnumerateArray().Select(m => Message(m.GetProperty("message"))),
        ];
    }

    public async Task DisposeAsync()
    {
        Sqs?.Dispose();
        Sns?.Dispose();
        _http?.Dispose();
        if (_process is { HasExited: false })
        {
            // Closing its input stops it; a launcher that does not go within 5 s is killed.
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        _process?.Dispose();
    }

    private static FauxqsMessage Message(JsonElement message)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (message.TryGetProperty("messageAttributes", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var attribute in map.EnumerateObject())
            {
                if (attribute.Value.TryGetProperty("StringValue", out var value) && value.ValueKind == JsonValueKind.String)
                {
                    attributes[attribute.Name] = value.GetString()!;
                }
            }
        }

        return new FauxqsMessage(message.GetProperty("body").GetString() ?? string.Empty, attributes);
    }

    private static string InstallDirectory() => EmulatorTools.CacheDirectory("fauxqs-" + Version);

    private static string EntryPath() => Path.Combine(InstallDirectory(), "node_modules", "fauxqs", "dist", "app.js");

    private static Task EnsureInstalledAsync() => EmulatorTools.EnsureFolderAsync(InstallDirectory(), staging =>
        EmulatorTools.RunAsync("npm", staging, "install", "--prefix", staging, "fauxqs@" + Version, "--no-audit", "--no-fund", "--silent", "--omit=dev"));
}
