namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// One step of the pattern's field paths, split at dots: the event is walked along these steps only, and a step that
/// ends a pattern field (<see cref="FieldIndex"/> not -1) collects the scalars found there.
/// </summary>
internal sealed class FieldPathNode
{
    private (string Step, FieldPathNode Node)[] children = [];

    /// <summary>The index of the pattern field whose path ends here, or -1.</summary>
    public int FieldIndex { get; private set; } = -1;

    public ReadOnlySpan<(string Step, FieldPathNode Node)> Children => children;

    /// <summary>Builds the steps of every path; path i ends at a node with <see cref="FieldIndex"/> i.</summary>
    public static FieldPathNode Build(IReadOnlyList<string> paths)
    {
        var root = new FieldPathNode();
        for (var i = 0; i < paths.Count; i++)
        {
            var node = root;
            foreach (var step in paths[i].Split('.'))
            {
                node = node.ChildOrAdd(step);
            }

            node.FieldIndex = i;
        }

        return root;
    }

    /// <summary>The node reached from here by the steps a field name spells ({"a.b": 1} is the path a.b); null if none.</summary>
    public FieldPathNode? Descend(string dottedName)
    {
        var node = this;
        foreach (var step in dottedName.Split('.'))
        {
            node = node.Child(step);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    private FieldPathNode? Child(string step)
    {
        foreach (var (name, node) in children)
        {
            if (string.Equals(name, step, StringComparison.Ordinal))
            {
                return node;
            }
        }

        return null;
    }

    private FieldPathNode ChildOrAdd(string step)
    {
        if (Child(step) is { } existing)
        {
            return existing;
        }

        var added = new FieldPathNode();
        children = [.. children, (step, added)];
        return added;
    }
}
