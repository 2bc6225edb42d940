using ResilienceLab.Reporting.Model;
using System.Globalization;
using System.Net;
using System.Text;

namespace ResilienceLab.Reporting.Writers;

/// <summary>
/// The frame every html file of a report shares: inline CSS only, no scripts and nothing fetched from the network, so
/// a file opens the same from a CI artifact, an email or a laptop offline.
/// </summary>
public static class HtmlPage
{
    private const string Css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;background:#f6f7f9;color:#1d2330;line-height:1.45}
        main{max-width:1080px;margin:0 auto;padding:24px}
        h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid #d5d9e0;padding-bottom:.2em}
        .verdict{border-radius:10px;padding:22px 26px;color:#fff;margin-bottom:14px}
        .verdict .word{font-size:2.4em;font-weight:800;letter-spacing:.03em;text-transform:uppercase}
        .verdict .sub{font-size:1.05em;opacity:.95}
        .contained,.pass{background:#1e7d45}.not_contained,.fail{background:#c0262d}.aborted,.warn{background:#b86e00}.inconclusive{background:#5a5f8a}
        table{border-collapse:collapse;width:100%;background:#fff;margin:.4em 0 1em;font-size:.92em}
        th,td{border:1px solid #d5d9e0;padding:5px 8px;text-align:left;vertical-align:top}
        th{background:#eceff4}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td.pass,td.fail,td.warn,span.pass,span.fail,span.warn{color:#fff;font-weight:700;text-align:center}
        span.pass,span.fail,span.warn{padding:1px 8px;border-radius:4px}
        code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.92em}
        figure{margin:0 0 18px;background:#fff;border:1px solid #d5d9e0;padding:8px}
        figure img{width:100%;height:auto;display:block}figcaption{font-size:.9em;color:#4a5365;margin-top:4px}
        .note{color:#4a5365;font-size:.92em}.legend span{display:inline-block;margin-right:14px}
        .sw{display:inline-block;width:12px;height:12px;border-radius:2px;vertical-align:-1px;margin-right:4px}
        svg text{font-family:inherit;font-size:12px;fill:#1d2330}
        """;

    /// <summary>HTML-encodes <paramref name="text"/> (null becomes empty).</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A number as report text: invariant culture, <paramref name="format"/>; null as an en dash.</summary>
    public static string Number(double? value, string format = "0.###") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static void Begin(StringBuilder html, string title)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>").Append(Encode(title)).Append("</title><style>").Append(Css).Append("</style></head><body><main>\n");
    }

    public static void End(StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append("</main></body></html>\n");
    }

    /// <summary>A PNG as a data URI, so the page carries its images with it.</summary>
    public static string PngDataUri(byte[] png)
    {
        var (bytes, mime) = Plots.PngCompression.SmallestForHtml(png);
        return $"data:{mime};base64," + Convert.ToBase64String(bytes);
    }

    /// <summary>The css class for a verdict (its report.json word).</summary>
    public static string VerdictClass(Verdict verdict) => VerdictText.Word(verdict);
}
