namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// One way a pattern can match: a set of fields that must all match (a pattern without <c>$or</c> has one branch; each
/// <c>$or</c> multiplies them). As event-ruler, fields are tried in ordinal order of their paths, and a field's leaf must
/// sit in the same array elements as the leaves already chosen; <c>exists: false</c> means no such leaf.
/// </summary>
internal sealed class PatternBranch
{
    private readonly PatternField[] fields;

    public PatternBranch(IEnumerable<PatternField> fields) =>
        this.fields = [.. fields.OrderBy(f => f.Path, StringComparer.Ordinal)];

    public IReadOnlyList<PatternField> Fields => fields;

    public bool Matches(EventLeaves leaves) => MatchFrom(0, leaves, ArrayMembership.None);

    private bool MatchFrom(int index, EventLeaves leaves, ArrayMembership membership)
    {
        if (index == fields.Length)
        {
            return true;
        }

        var field = fields[index];
        var candidates = leaves.At(field.Index);
        var anyConsistent = false;
        List<ArrayMembership>? failed = null;
        foreach (var leaf in candidates)
        {
            if (!membership.TryMerge(leaf.Membership, out var merged))
            {
                continue;
            }

            anyConsistent = true;
            if (!field.Matches(leaf) || HasFailed(failed, merged))
            {
                continue;
            }

            if (MatchFrom(index + 1, leaves, merged))
            {
                return true;
            }

            // The rest depends only on the membership: leaves of one scalar array share it, so it is tried once, not per leaf.
            (failed ??= []).Add(merged);
        }

        return field.MatchesAbsence && !anyConsistent && MatchFrom(index + 1, leaves, membership);
    }

    private static bool HasFailed(List<ArrayMembership>? failed, ArrayMembership membership)
    {
        if (failed is null)
        {
            return false;
        }

        foreach (var tried in failed)
        {
            if (tried.SameAs(membership))
            {
                return true;
            }
        }

        return false;
    }
}
