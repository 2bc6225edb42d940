using HdrHistogram;
using ResilienceLab.Load;

namespace ResilienceLab.Load.Tests.Stats;

public class HistogramCodecTests
{
    [Fact]
    public void Encode_ThenDecode_KeepsEveryCount()
    {
        var histogram = new LongHistogram(1, 3_600_000_000, 2);
        for (var i = 1; i <= 1_000; i++)
        {
            histogram.RecordValue(i * 100);
        }

        var decoded = HistogramCodec.Decode(HistogramCodec.Encode(histogram));

        Assert.Equal(histogram.TotalCount, decoded.TotalCount);
        Assert.Equal(histogram.GetValueAtPercentile(99), decoded.GetValueAtPercentile(99));
        Assert.Equal(histogram.GetMaxValue(), decoded.GetMaxValue());
    }

    [Fact]
    public void Sum_TwoIntervals_EqualsOneHistogramOfBoth()
    {
        var first = new LongHistogram(1, 3_600_000_000, 2);
        var second = new LongHistogram(1, 3_600_000_000, 2);
        var both = new LongHistogram(1, 3_600_000_000, 2);
        for (var i = 1; i <= 900; i++)
        {
            first.RecordValue(1_000);
            both.RecordValue(1_000);
        }

        for (var i = 1; i <= 100; i++)
        {
            second.RecordValue(500_000);
            both.RecordValue(500_000);
        }

        var sum = HistogramCodec.Sum([HistogramCodec.Encode(first), null, HistogramCodec.Encode(second)]);

        Assert.Equal(1_000, sum.TotalCount);
        Assert.Equal(both.GetValueAtPercentile(95), sum.GetValueAtPercentile(95));
        Assert.Equal(both.GetValueAtPercentile(99), sum.GetValueAtPercentile(99));
    }

    [Fact]
    public void Add_DifferentPrecisions_KeepsTheCount()
    {
        var fine = new LongHistogram(1, 3_600_000_000, 3);
        fine.RecordValueWithCount(12_345, 7);
        var coarse = new LongHistogram(1, 3_600_000_000, 2);

        HistogramCodec.Add(coarse, fine);

        Assert.Equal(7, coarse.TotalCount);
        Assert.Equal(12_345, coarse.GetValueAtPercentile(50), 12_345 * 0.01);
    }

    [Fact]
    public void Decode_NotAHistogram_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => HistogramCodec.Decode(Convert.ToBase64String([1, 2, 3, 4, 5, 6, 7, 8])));
        Assert.Throws<FormatException>(() => HistogramCodec.Decode("not base64 ***"));
    }
}
