using System.Text.Json;

namespace ResilienceLab.Reporting;

/// <summary>
/// Finds numbers a JSON schema evaluator cannot compare (JsonSchema.Net compares numbers as decimals, and throws on
/// 1e300 or 1e-300): the schema checks refuse such a document at that field instead of failing.
/// </summary>
public static class JsonNumbers
{
    /// <summary>The JSON pointer of the first number outside decimal's range or precision, or null when there is none.</summary>
    public static string? FirstOutOfRange(JsonElement element, string pointer = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return element.TryGetDecimal(out _) ? null : pointer;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (FirstOutOfRange(property.Value, $"{pointer}/{property.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstOutOfRange(item, $"{pointer}/{i++}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
