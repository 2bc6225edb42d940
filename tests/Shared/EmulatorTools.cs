using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ResilienceLab.Tests.Shared;

/// <summary>What the emulator fixtures share: the cache folder, finding a tool on PATH, running one, a free loopback port.</summary>
internal static class EmulatorTools
{
    /// <summary>$RESILIENCELAB_CACHE/NAME, default ~/.cache/resiliencelab/NAME.</summary>
    public static string CacheDirectory(string name)
    {
        var root = Environment.GetEnvironmentVariable("RESILIENCELAB_CACHE");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "resiliencelab");
        }

        return Path.Combine(root, name);
    }

    public static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var candidate in OperatingSystem.IsWindows() ? new[] { name + ".exe", name + ".cmd" } : new[] { name })
            {
                var path = Path.Combine(directory, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>Runs a tool to its end; a non-zero exit throws with its output.</summary>
    public static async Task<string> RunAsync(string file, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }

        return await stdout.ConfigureAwait(false);
    }

    /// <summary>
    /// Fills <paramref name="folder"/> once: <paramref name="fill"/> writes into a staging folder beside it, which is then
    /// moved into place, so a concurrent test run never sees half a folder.
    /// </summary>
    public static async Task EnsureFolderAsync(string folder, Func<string, Task> fill)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        var parent = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, "staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            await fill(staging).ConfigureAwait(false);
            Directory.Move(staging, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
