using System.Text.Json;

namespace ResilienceLab.Harness.Input;

/// <summary>Turns a JSON pointer (<c>/faults/2/sigma</c>) into the field path problems use (<c>faults[2].sigma</c>), and resolves pointers.</summary>
public static class FieldPaths
{
    /// <summary>The field path of <paramref name="pointer"/> in <paramref name="root"/>: array indexes in brackets, names after dots.</summary>
    public static string FromPointer(string pointer, JsonElement root)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var path = string.Empty;
        JsonElement? current = root;
        foreach (var segment in Segments(pointer))
        {
            var isIndex = current is { ValueKind: JsonValueKind.Array };
            path = isIndex ? $"{path}[{segment}]" : path.Length == 0 ? segment : $"{path}.{segment}";
            current = current is { } c ? Step(c, segment) : null;
        }

        return path;
    }

    /// <summary>The value <paramref name="pointer"/> points at, or null when it points at nothing.</summary>
    public static JsonElement? Resolve(string pointer, JsonElement root)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        JsonElement? current = root;
        foreach (var segment in Segments(pointer))
        {
            current = current is { } c ? Step(c, segment) : null;
        }

        return current;
    }

    /// <summary>The unescaped segments of a JSON pointer (RFC 6901: <c>~1</c> is <c>/</c>, <c>~0</c> is <c>~</c>).</summary>
    public static IReadOnlyList<string> Segments(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        return pointer.Length <= 1 ? [] : [.. pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    private static JsonElement? Step(JsonElement element, string segment) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty(segment, out var value) => value,
        JsonValueKind.Array when int.TryParse(segment, out var i) && i >= 0 && i < element.GetArrayLength() => element[i],
        _ => null,
    };
}
