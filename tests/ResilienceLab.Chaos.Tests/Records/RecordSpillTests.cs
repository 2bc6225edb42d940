using ResilienceLab.Chaos.Records;

namespace ResilienceLab.Chaos.Tests.Records;

public sealed class RecordSpillTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("resiliencelab-spill-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void WriteThenRead_ChunksOutOfOrder_ReadsEachBackAndUnwrittenOnesAsZeros()
    {
        using var spill = RecordSpill.TryCreate(_root)!;
        var first = Enumerable.Range(0, 1_000).Select(i => (long)i * 7).ToArray();
        var third = Enumerable.Range(0, 1_000).Select(i => -(long)i).ToArray();

        spill.Write(2, third);
        spill.Write(0, first);
        var (readFirst, readSecond, readThird, beyond) = (new long[1_000], Enumerable.Repeat(9L, 1_000).ToArray(), new long[1_000], Enumerable.Repeat(9L, 1_000).ToArray());
        spill.Read(0, readFirst);
        spill.Read(1, readSecond);
        spill.Read(2, readThird);
        spill.Read(5, beyond);

        Assert.Equal(first, readFirst);
        Assert.All(readSecond, v => Assert.Equal(0, v));
        Assert.Equal(third, readThird);
        Assert.All(beyond, v => Assert.Equal(0, v));
    }

    [Fact]
    public void TryCreate_InTheOutputFolder_LeavesNoFileThereWhileOpenOrAfter()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // There the file goes when it closes (DeleteOnClose).
        }

        var output = Path.Combine(_root, "out");
        using (var spill = RecordSpill.TryCreate(output)!)
        {
            spill.Write(0, new long[65_536]);
            Assert.Empty(Directory.EnumerateFileSystemEntries(output));
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(output));
    }

    [Fact]
    public void TryCreate_WhereNoFileCanBeMade_IsNull()
    {
        var file = Path.Combine(_root, "a-file");
        File.WriteAllText(file, "in the way");

        Assert.Null(RecordSpill.TryCreate(Path.Combine(file, "out")));
        Assert.Null(RecordSpill.TryCreate(null));
    }
}
