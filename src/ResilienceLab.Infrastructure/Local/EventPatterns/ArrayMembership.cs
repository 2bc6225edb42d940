namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// Which element of which event array a leaf sits in (arrays numbered as the event is walked). Two leaves belong to one
/// match only when they agree on every array they share: a pattern never pairs fields from different elements.
/// </summary>
internal sealed class ArrayMembership
{
    public static readonly ArrayMembership None = new([]);

    private readonly (int Array, int Index)[] entries;

    private ArrayMembership((int Array, int Index)[] entries) => this.entries = entries;

    public bool IsEmpty => entries.Length == 0;

    /// <summary>This membership inside element <paramref name="index"/> of array <paramref name="array"/>.</summary>
    public ArrayMembership Within(int array, int index) => new([.. entries, (array, index)]);

    /// <summary>Whether a leaf with <paramref name="other"/> can join a match that has this membership so far.</summary>
    public bool IsConsistentWith(ArrayMembership other) => TryMerge(other, out _);

    /// <summary>The membership of the match once a leaf with <paramref name="other"/> joins it; false when they disagree.</summary>
    public bool TryMerge(ArrayMembership other, out ArrayMembership merged)
    {
        merged = this;
        if (other.entries.Length == 0)
        {
            return true;
        }

        if (entries.Length == 0)
        {
            merged = other;
            return true;
        }

        List<(int, int)>? added = null;
        foreach (var (array, index) in other.entries)
        {
            var known = IndexIn(array);
            if (known < 0)
            {
                (added ??= []).Add((array, index));
            }
            else if (known != index)
            {
                return false;
            }
        }

        if (added is not null)
        {
            merged = new ArrayMembership([.. entries, .. added]);
        }

        return true;
    }

    /// <summary>Whether both name the same elements of the same arrays.</summary>
    public bool SameAs(ArrayMembership other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other.entries.Length != entries.Length)
        {
            return false;
        }

        foreach (var (array, index) in other.entries)
        {
            if (IndexIn(array) != index)
            {
                return false;
            }
        }

        return true;
    }

    private int IndexIn(int array)
    {
        foreach (var entry in entries)
        {
            if (entry.Array == array)
            {
                return entry.Index;
            }
        }

        return -1;
    }
}
