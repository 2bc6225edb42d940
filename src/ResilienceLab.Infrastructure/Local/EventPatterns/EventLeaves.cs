using System.Runtime.InteropServices;
using System.Text.Json;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// An event flattened as event-ruler sees it, for one pattern: every scalar at a pattern field's dotted path (nested
/// arrays included), each with the array elements it sits in. Objects and empty arrays leave no scalar, so <c>exists</c>
/// sees only scalars. Only the pattern's paths are walked; a field name with dots lines up with the steps it spells.
/// </summary>
internal sealed class EventLeaves
{
    private static readonly List<EventLeaf> NoLeaves = [];

    private readonly List<EventLeaf>?[] byField;
    private int arrayCount;

    private EventLeaves(int fieldCount) => byField = new List<EventLeaf>?[fieldCount];

    /// <summary>Walks <paramref name="root"/> (an object) along <paramref name="paths"/>, which has <paramref name="fieldCount"/> field ends.</summary>
    public static EventLeaves Collect(JsonElement root, FieldPathNode paths, int fieldCount)
    {
        var leaves = new EventLeaves(fieldCount);
        leaves.AddObject(root, paths, ArrayMembership.None);
        return leaves;
    }

    /// <summary>The scalars at the path of pattern field <paramref name="fieldIndex"/>.</summary>
    public List<EventLeaf> At(int fieldIndex) => byField[fieldIndex] ?? NoLeaves;

    private void AddObject(JsonElement element, FieldPathNode node, ArrayMembership membership)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (Step(property, node) is { } next)
            {
                AddValue(property.Value, next, membership);
            }
        }
    }

    private static FieldPathNode? Step(JsonProperty property, FieldPathNode node)
    {
        // A name with a dot spells several steps; an escaped name is compared once unescaped.
        if (JsonMarshal.GetRawUtf8PropertyName(property).IndexOfAny((byte)'.', (byte)'\\') >= 0)
        {
            return node.Descend(property.Name);
        }

        foreach (var (step, child) in node.Children)
        {
            if (property.NameEquals(step))
            {
                return child;
            }
        }

        return null;
    }

    private void AddValue(JsonElement value, FieldPathNode node, ArrayMembership membership)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                AddObject(value, node, membership);
                break;
            case JsonValueKind.Array:
                var array = arrayCount++;
                var index = 0;
                foreach (var element in value.EnumerateArray())
                {
                    // Scalars share their array's membership; objects and arrays are told apart by element.
                    AddValue(element, node, element.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? membership.Within(array, index) : membership);
                    index++;
                }

                break;
            default:
                if (node.FieldIndex >= 0)
                {
                    (byField[node.FieldIndex] ??= []).Add(new EventLeaf(value, membership));
                }

                break;
        }
    }
}
