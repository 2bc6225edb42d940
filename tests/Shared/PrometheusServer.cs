using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace ResilienceLab.Tests.Shared;

/// <summary>
/// A real Prometheus (the <c>prometheus</c> program on PATH) with its own config and storage in a temporary folder,
/// listening on 127.0.0.1 only and scraping one target every second; and <c>promtool check metrics</c>. Linked into
/// each test project that needs it.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string folder, Uri url)
    {
        _process = process;
        _folder = folder;
        Url = url;
        _http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>True when RESILIENCELAB_REQUIRE_PROMETHEUS=1: a missing Prometheus fails the tests.</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable("RESILIENCELAB_REQUIRE_PROMETHEUS") == "1";

    public Uri Url { get; }

    /// <summary>Why Prometheus cannot run here, or null.</summary>
    public static string? MissingPrerequisite() =>
        FindOnPath("prometheus") is null ? "prometheus is not on PATH (Debian: apt-get install prometheus)"
        : FindOnPath("promtool") is null ? "promtool is not on PATH (Debian: apt-get install prometheus)"
        : null;

    /// <summary>Starts Prometheus scraping <paramref name="metricsUrl"/> every second as job <paramref name="job"/>; returns once it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(Uri metricsUrl, string job)
    {
        ArgumentNullException.ThrowIfNull(metricsUrl);
        if (MissingPrerequisite() is { } missing)
        {
            throw new InvalidOperationException(missing);
        }

        var folder = Directory.CreateTempSubdirectory("resiliencelab-prometheus-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: {job}
                metrics_path: {metricsUrl.AbsolutePath}
                static_configs:
                  - targets: ['{metricsUrl.Authority}']
            """);
        var url = new Uri($"http://127.0.0.1:{FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)}/");
        var start = new ProcessStartInfo(FindOnPath("prometheus")!)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--config.file=prometheus.yml", "--storage.tsdb.path=data", $"--web.listen-address=127.0.0.1:{url.Port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, folder, url);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                using var ready = await server._http.GetAsync(new Uri("-/ready", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited || Stopwatch.GetElapsedTime(started) > StartTimeout)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"prometheus was not ready within {StartTimeout.TotalSeconds} s (exit {(process.HasExited ? process.ExitCode : "none")})");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The value of <paramref name="promql"/> now, through <c>/api/v1/query</c>: the first sample's value, or null when the result is empty.</summary>
    public async Task<double?> QueryAsync(string promql)
    {
        using var response = await _http.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(promql), UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0
            ? null
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Runs <c>promtool check metrics</c> on <paramref name="exposition"/>: its exit code and what it printed (problems, one a line).</summary>
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var start = new ProcessStartInfo(FindOnPath("promtool") ?? throw new InvalidOperationException("promtool is not on PATH"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output) + (await error));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
