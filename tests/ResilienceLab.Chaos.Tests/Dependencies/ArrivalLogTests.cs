using ResilienceLab.Chaos.Dependencies;
using ResilienceLab.Chaos.Records;

namespace ResilienceLab.Chaos.Tests.Dependencies;

public class ArrivalLogTests
{
    [Theory]
    [InlineData(0L, 0, 0)]
    [InlineData(1L, 1, 1)]
    [InlineData(600_000_000L, 64, 4_095)]
    [InlineData(-3_600_000_000L, 7, 12)] // before the origin (a dependency host waiting for its run)
    [InlineData(250_000_000_000L, 4_095, 3)] // three days in
    public void Encode_ThenDecode_KeepsTheArrival(long micros, int instance, int idNumber)
    {
        var (at, decodedInstance, decodedId) = ArrivalLog.Decode(ArrivalLog.Encode(TimeSpan.FromMicroseconds(micros), instance, idNumber));

        Assert.Equal(micros, at.Ticks / TimeSpan.TicksPerMicrosecond);
        Assert.Equal(instance, decodedInstance);
        Assert.Equal(idNumber, decodedId);
    }

    [Fact]
    public void Encode_FieldsOutOfRange_KeepsThemAsNone()
    {
        var (_, instance, id) = ArrivalLog.Decode(ArrivalLog.Encode(TimeSpan.FromSeconds(1), ArrivalLog.MaxField + 1, -1));

        Assert.Equal(0, instance);
        Assert.Equal(0, id);
    }

    [Fact]
    public async Task Add_FromManyThreads_ReadsEveryArrivalOnce()
    {
        // Four writers across several chunks (65,536 arrivals each): nothing lost, nothing doubled.
        var log = new ArrivalLog();
        const int PerWriter = 50_000;
        await Task.WhenAll(Enumerable.Range(1, 4).Select(writer => Task.Run(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                log.Add(TimeSpan.FromMicroseconds((writer * 1_000_000L) + i), writer, i % 3);
            }
        })));

        var arrivals = log.Read().ToList();

        Assert.Equal(4 * PerWriter, log.Count);
        Assert.Equal(4 * PerWriter, arrivals.Count);
        foreach (var group in arrivals.GroupBy(a => a.Instance))
        {
            Assert.Equal(
                Enumerable.Range(0, PerWriter).Select(i => (group.Key * 1_000_000L) + i),
                group.Select(a => a.At.Ticks / TimeSpan.TicksPerMicrosecond).Order());
        }
    }

    [Fact]
    public async Task Add_WithASpillFile_KeepsOnlyTheChunkBeingFilledInMemoryAndReadsEveryArrivalOnce()
    {
        // 200,000 arrivals from four writers: three whole chunks go to the file, the fourth is being filled.
        var root = Directory.CreateTempSubdirectory("resiliencelab-arrivals-").FullName;
        try
        {
            using var log = new ArrivalLog(RecordSpill.TryCreate(root));
            const int PerWriter = 50_000;
            await Task.WhenAll(Enumerable.Range(1, 4).Select(writer => Task.Run(() =>
            {
                for (var i = 0; i < PerWriter; i++)
                {
                    log.Add(TimeSpan.FromMicroseconds((writer * 1_000_000L) + i), writer, i % 3);
                }
            })));

            var arrivals = log.Read().ToList();

            Assert.Equal(1, log.ChunksInMemory);
            Assert.Equal(4 * PerWriter, arrivals.Count);
            foreach (var group in arrivals.GroupBy(a => a.Instance))
            {
                Assert.Equal(
                    Enumerable.Range(0, PerWriter).Select(i => (group.Key * 1_000_000L) + i),
                    group.Select(a => a.At.Ticks / TimeSpan.TicksPerMicrosecond).Order());
                Assert.Equal(Enumerable.Range(0, PerWriter).Select(i => i % 3).Order(), group.Select(a => a.InstanceIdNumber).Order());
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Add_WhenTheSpillFileCannotBeWritten_KeepsTheChunksInMemory()
    {
        var root = Directory.CreateTempSubdirectory("resiliencelab-arrivals-").FullName;
        try
        {
            var broken = RecordSpill.TryCreate(root)!;
            broken.Dispose();
            using var log = new ArrivalLog(broken);
            for (var i = 0; i < 200_000; i++)
            {
                log.Add(TimeSpan.FromMicroseconds(i), 1, 1);
            }

            Assert.Equal(4, log.ChunksInMemory);
            Assert.Equal(Enumerable.Range(0, 200_000).Select(i => (long)i), log.Read().Select(a => a.At.Ticks / TimeSpan.TicksPerMicrosecond));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Add_WithoutASpillFile_KeepsEveryChunkInMemory()
    {
        var log = new ArrivalLog();
        for (var i = 0; i < 200_000; i++)
        {
            log.Add(TimeSpan.FromMicroseconds(i), 1, 1);
        }

        Assert.Equal(4, log.ChunksInMemory);
        Assert.Equal(200_000, log.Read().Count());
    }
}
