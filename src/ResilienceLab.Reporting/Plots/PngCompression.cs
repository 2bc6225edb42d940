using SkiaSharp;

namespace ResilienceLab.Reporting.Plots;

/// <summary>
/// Re-encodes a plot's PNG opaque (no alpha channel) at the strongest zlib level: every report folder carries each
/// image twice (the file and the html), so bytes here count double.
/// </summary>
public static class PngCompression
{
    public static byte[] Smallest(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        using var bitmap = SKBitmap.Decode(png);
        if (bitmap is null)
        {
            return png;
        }

        using var opaque = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgb888x, SKAlphaType.Opaque));
        if (!bitmap.CopyTo(opaque, SKColorType.Rgb888x))
        {
            return png;
        }

        using var pixels = opaque.PeekPixels();
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 9));
        return data is not null && data.Size < png.Length ? data.ToArray() : png;
    }
}
