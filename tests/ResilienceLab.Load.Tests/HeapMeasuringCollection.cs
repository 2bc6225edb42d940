namespace ResilienceLab.Load.Tests;

/// <summary>
/// Tests that read the process's heap before and after (<see cref="GC.GetTotalMemory(bool)"/>) run alone: a test
/// running beside them in parallel would add what it holds to their difference.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasuringCollection
{
    public const string Name = "heap-measuring";
}
