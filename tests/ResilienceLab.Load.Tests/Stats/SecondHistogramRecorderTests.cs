using ResilienceLab.Load;

namespace ResilienceLab.Load.Tests.Stats;

public class SecondHistogramRecorderTests
{
    [Fact]
    public void Record_BeforeTheOrigin_CountsInSecondZero()
    {
        // A dependency host serves requests before its run starts: their offsets are negative.
        var recorder = new SecondHistogramRecorder();
        recorder.Record(-3_500, TimeSpan.FromMilliseconds(2));
        recorder.Record(0, TimeSpan.FromMilliseconds(4));

        var encoded = recorder.Encoded();

        Assert.Equal([0], encoded.Keys);
        Assert.Equal(2, HistogramCodec.Decode(encoded[0]).TotalCount);
    }

    [Fact]
    public void Record_InASealedSecond_JoinsItsEncoding()
    {
        var recorder = new SecondHistogramRecorder();
        recorder.Record(1, TimeSpan.FromMilliseconds(1));
        recorder.Seal(2);
        recorder.Record(1, TimeSpan.FromMilliseconds(3));
        recorder.Record(2, TimeSpan.FromMilliseconds(5));

        var encoded = recorder.Encoded();

        Assert.Equal([1, 2], encoded.Keys);
        Assert.Equal(2, HistogramCodec.Decode(encoded[1]).TotalCount);
        Assert.Equal(1, HistogramCodec.Decode(encoded[2]).TotalCount);
    }
}
