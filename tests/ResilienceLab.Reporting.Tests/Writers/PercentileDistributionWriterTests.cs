using System.Globalization;
using HdrHistogram;
using ResilienceLab.Load;
using ResilienceLab.Reporting.Writers;

namespace ResilienceLab.Reporting.Tests.Writers;

public sealed class PercentileDistributionWriterTests
{
    [Fact]
    public void Render_Histogram_WritesHdrHistogramsPercentileDistributionInMilliseconds()
    {
        var histogram = new LongHistogram(1, 3_600_000_000, 3);
        for (var i = 1; i <= 1_000; i++)
        {
            histogram.RecordValue(i * 1_000); // 1 ms .. 1000 ms
        }

        var text = PercentileDistributionWriter.Render(HistogramCodec.Encode(histogram))!;
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Matches(@"^\s+Value\s+Percentile\s+TotalCount\s+1/\(1-Percentile\)", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("#[Mean", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("#[Max", StringComparison.Ordinal));
        var rows = lines.Skip(1).Where(l => !l.StartsWith('#')).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(c => c.Length >= 3).ToList();
        var p99 = rows.First(c => double.Parse(c[1], CultureInfo.InvariantCulture) >= 0.99);
        Assert.Equal(990, double.Parse(p99[0], CultureInfo.InvariantCulture), 990 * 0.002);
        Assert.Equal(1_000, long.Parse(rows[^1][2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Files_NoData_WritesNoFile()
    {
        Assert.Empty(PercentileDistributionWriter.Files(null, null));
        Assert.Null(PercentileDistributionWriter.Render(HistogramCodec.Encode(new LongHistogram(1, 3_600_000_000, 3))));
    }
}
