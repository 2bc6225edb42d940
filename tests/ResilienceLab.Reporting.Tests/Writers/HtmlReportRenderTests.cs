using System.Diagnostics;
using ResilienceLab.Reporting.Writers;
using ResilienceLab.Tests.Shared;
using SkiaSharp;

namespace ResilienceLab.Reporting.Tests.Writers;

/// <summary>report.html as a browser shows it: headless chromium takes a screenshot, which must not be blank.</summary>
public sealed class HtmlReportRenderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-html-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [ChromiumFact]
    public async Task Render_InHeadlessChromium_ScreenshotIsNotBlank()
    {
        Assert.True(File.Exists(ChromiumFactAttribute.Path), $"{ChromiumFactAttribute.Path} is required ({ChromiumFactAttribute.RequireVariable}=1) but missing");
        var folder = ReportFolderWriter.Write(_root, TestReports.Create());
        var screenshot = Path.Combine(_root, "screenshot.png");

        var (exitCode, log) = await ScreenshotAsync(Path.Combine(folder, "report.html"), screenshot);

        Assert.True(File.Exists(screenshot), $"chromium exited {exitCode} without a screenshot: {log}");
        using var bitmap = SKBitmap.Decode(screenshot);
        Assert.NotNull(bitmap);
        var colours = new HashSet<uint>();
        long nonWhite = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                colours.Add((uint)c);
                if (c.Red < 240 || c.Green < 240 || c.Blue < 240)
                {
                    nonWhite++;
                }
            }
        }

        var sampled = (long)(bitmap.Width / 2) * (bitmap.Height / 2);
        Assert.True(colours.Count > 50, $"only {colours.Count} distinct colours");
        Assert.True(nonWhite > sampled / 20, $"only {nonWhite} of {sampled} sampled pixels are not white");
    }

    private async Task<(int ExitCode, string Log)> ScreenshotAsync(string html, string screenshot)
    {
        var start = new ProcessStartInfo(ChromiumFactAttribute.Path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={Path.Combine(_root, "profile")}",
            $"--screenshot={screenshot}", "--window-size=1200,2000", new Uri(html).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
