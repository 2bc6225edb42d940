using System.Text.Json;

namespace ResilienceLab.Harness.Input;

/// <summary>Opens an input file as JSON; a missing file or malformed JSON becomes an <see cref="InvalidInputException"/> with line and column.</summary>
public static class JsonInputFile
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static JsonDocument Open(string path) => Open(path, text: null);

    /// <summary>As <see cref="Open(string)"/>; with <paramref name="text"/> the file's content is that text (a copy carried elsewhere, as in a shard).</summary>
    public static JsonDocument Open(string path, string? text)
    {
        if (text is null && !File.Exists(path))
        {
            throw new InvalidInputException(path, "file not found");
        }

        try
        {
            return JsonDocument.Parse(text ?? File.ReadAllText(path), Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1}" : "unknown position";
            throw new InvalidInputException([new InputProblem(path, string.Empty, $"malformed JSON at {where}: {FirstSentence(ex.Message)}")]);
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }
}
