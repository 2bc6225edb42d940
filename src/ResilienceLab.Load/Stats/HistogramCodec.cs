using HdrHistogram;
using HdrHistogram.Utilities;

namespace ResilienceLab.Load;

/// <summary>
/// HdrHistogram's compressed encoding (the V2 cookie, deflated), as base64: the form per-second intervals are kept in,
/// written to shards and added back together. Adding decoded intervals is exact; percentiles are only ever taken from a
/// sum, never averaged.
/// </summary>
public static class HistogramCodec
{
    /// <summary>The encoded form of <paramref name="histogram"/>.</summary>
    public static string Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = HistogramEncoding.EncodeIntoCompressedByteBuffer(histogram, buffer);

        // The buffer's array is not public; its bytes are read back one by one (a few hundred per interval).
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote.</summary>
    /// <exception cref="FormatException">The text is not an encoded histogram.</exception>
    public static HistogramBase Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        try
        {
            return HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(encoded)), 0);
        }
        catch (Exception ex) when (ex is not FormatException and not OutOfMemoryException)
        {
            throw new FormatException("not an HdrHistogram in its compressed encoding: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// The sum of the encoded intervals (nulls skipped), at <paramref name="significantDigits"/>; empty when there are
    /// none. Values are microseconds, as everywhere in the engine.
    /// </summary>
    public static LongHistogram Sum(IEnumerable<string?> encoded, int significantDigits = LatencyHistograms.SecondDigits)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var sum = new LongHistogram(1, LatencyHistograms.HighestMicroseconds, significantDigits);
        foreach (var item in encoded)
        {
            if (item is not null)
            {
                Add(sum, Decode(item));
            }
        }

        return sum;
    }

    /// <summary>Adds every recorded value of <paramref name="from"/> to <paramref name="into"/>, whatever their precisions.</summary>
    public static void Add(HistogramBase into, HistogramBase from)
    {
        ArgumentNullException.ThrowIfNull(into);
        ArgumentNullException.ThrowIfNull(from);
        if (from.NumberOfSignificantValueDigits == into.NumberOfSignificantValueDigits
            && from.HighestTrackableValue == into.HighestTrackableValue
            && from.LowestTrackableValue == into.LowestTrackableValue)
        {
            into.Add(from);
            return;
        }

        foreach (var value in from.RecordedValues())
        {
            into.RecordValueWithCount(Math.Min(value.ValueIteratedTo, LatencyHistograms.HighestMicroseconds), value.CountAtValueIteratedTo);
        }
    }

    /// <summary>The percentiles of <paramref name="histogram"/> in milliseconds (all zero when it is empty).</summary>
    public static LatencyPercentiles Percentiles(HistogramBase histogram) => LatencyHistograms.Percentiles(histogram);
}
