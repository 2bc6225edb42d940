using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace ResilienceLab.Tests.Shared;

/// <summary>
/// Runs the official DynamoDB Local jar on a free loopback port for the tests of a class. The jar ships in
/// the npm package amplify-dynamodb-simulator@2.9.30 (folder package/emulator); it is fetched once with
/// <c>npm pack</c> into $RESILIENCELAB_CACHE/dynamodb-local (default ~/.cache/resiliencelab/dynamodb-local)
/// and extracted with tar. Linked into each test project that needs it.
/// </summary>
public sealed class DynamoDbLocalFixture : IAsyncLifetime
{
    public const string PackageSpec = "amplify-dynamodb-simulator@2.9.30";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private Process? _process;

    /// <summary>True when RESILIENCELAB_REQUIRE_DYNAMODB_LOCAL=1: missing prerequisites fail the tests.</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable("RESILIENCELAB_REQUIRE_DYNAMODB_LOCAL") == "1";

    public Uri ServiceUrl { get; private set; } = new("http://127.0.0.1:1");

    public AmazonDynamoDBClient Client { get; private set; } = null!;

    // Fetched at most once per process: the skip decision (made when tests are discovered) and the fixture share it.
    private static readonly Lazy<string?> FetchFailure = new(() =>
    {
        try
        {
            EnsureEmulatorAsync().GetAwaiter().GetResult();
            return null;
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            return "DynamoDB Local could not be fetched: " + exception.Message;
        }
    });

    /// <summary>Why DynamoDB Local cannot run here (no java, or no jar and npm/tar failed to fetch it), or null.</summary>
    public static string? MissingPrerequisite()
    {
        if (EmulatorTools.FindOnPath("java") is null)
        {
            return "java is not on PATH, so DynamoDB Local cannot run";
        }

        if (File.Exists(JarPath()))
        {
            return null;
        }

        if (EmulatorTools.FindOnPath("npm") is null)
        {
            return "npm is not on PATH and the DynamoDB Local jar is not cached, so it cannot be fetched";
        }

        return FetchFailure.Value;
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

        var emulator = await EnsureEmulatorAsync().ConfigureAwait(false);
        var port = EmulatorTools.FreeLoopbackPort();
        var start = new ProcessStartInfo("java")
        {
            WorkingDirectory = emulator,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -sharedDb: without it DynamoDB Local keeps one database per access key and region, and a run under test
        // (credentials from the SDK chain) would not see the tables the test's client looks at.
        foreach (var argument in new[] { "-Djava.library.path=DynamoDBLocal_lib", "-jar", "DynamoDBLocal.jar", "-inMemory", "-sharedDb", "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("java did not start");
        var errors = new System.Text.StringBuilder();
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        ServiceUrl = new Uri($"http://127.0.0.1:{port}");
        Client = new AmazonDynamoDBClient(
            new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"),
            new AmazonDynamoDBConfig { ServiceURL = ServiceUrl.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await Client.ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest()).ConfigureAwait(false);
                return;
            }
            catch (Exception) when (stopwatch.Elapsed < StartTimeout && !_process.HasExited)
            {
                await Task.Delay(200).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                string log;
                lock (errors)
                {
                    log = errors.ToString();
                }

                throw new InvalidOperationException($"DynamoDB Local did not answer ListTables on {ServiceUrl}: {log}", exception);
            }
        }
    }

    /// <summary>Kills DynamoDB Local at once, as a crash would (a test of what a run does when its emulator dies).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process?.Dispose();
    }

    private static string CacheDirectory() => EmulatorTools.CacheDirectory("dynamodb-local");

    private static string JarPath() => Path.Combine(CacheDirectory(), "package", "emulator", "DynamoDBLocal.jar");

    private static async Task<string> EnsureEmulatorAsync()
    {
        var cache = CacheDirectory();
        var emulator = Path.Combine(cache, "package", "emulator");
        if (File.Exists(JarPath()))
        {
            return emulator;
        }

        Directory.CreateDirectory(cache);
        var tarball = Directory.GetFiles(cache, "amplify-dynamodb-simulator-*.tgz").FirstOrDefault();
        if (tarball is null)
        {
            await EmulatorTools.RunAsync("npm", cache, "pack", PackageSpec, "--silent").ConfigureAwait(false);
            tarball = Directory.GetFiles(cache, "amplify-dynamodb-simulator-*.tgz").FirstOrDefault()
                ?? throw new InvalidOperationException($"npm pack {PackageSpec} produced no tarball in {cache}");
        }

        // Extract beside the cache and move into place, so a concurrent run never sees half a folder.
        var staging = Path.Combine(cache, "extract-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        await EmulatorTools.RunAsync("tar", staging, "-xzf", tarball).ConfigureAwait(false);
        try
        {
            Directory.Move(Path.Combine(staging, "package"), Path.Combine(cache, "package"));
        }
        catch (IOException) when (File.Exists(JarPath()))
        {
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return File.Exists(JarPath()) ? emulator : throw new InvalidOperationException($"{PackageSpec} has no {JarPath()}");
    }
}
