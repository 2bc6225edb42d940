using System.Globalization;
using System.Text;
using System.Text.Json;
using ResilienceLab.Reporting.Model;

namespace ResilienceLab.Harness.GameDays;

/// <summary>
/// What happened during a game day, in order: one JSON object per line (<c>journal.jsonl</c>) with <c>at</c> (ISO-8601
/// from the <see cref="TimeProvider"/>), <c>t_s</c> (seconds since the measured start), <c>type</c> and the entry's
/// details. Thread-safe: faults, breakers, the monitor and the operator all write to it. With a file, every entry is
/// appended and flushed to disk as it is added, so a game day killed outright still leaves its journal up to that moment.
/// </summary>
public sealed class GameDayJournal : IDisposable
{
    public const string RunStarted = "run_started";
    public const string RunEnded = "run_ended";
    public const string FaultOn = "fault_on";
    public const string FaultOff = "fault_off";
    public const string BreakerTransition = "breaker_transition";
    public const string StopConditionTripped = "stop_condition_tripped";
    public const string OperatorNote = "operator_note";

    // Readable lines: notes and reasons keep their quotes, arrows and accents rather than \uXXXX escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly List<(JournalEntry Entry, string Line)> _entries = [];
    private readonly FileStream? _file;
    private long _origin;

    /// <param name="path">The file each entry is appended to as it happens (created; never overwritten); null keeps the journal in memory only.</param>
    /// <exception cref="IOException">The file exists or cannot be created.</exception>
    public GameDayJournal(TimeProvider timeProvider, long originTimestamp, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _origin = originTimestamp;
        if (path is not null)
        {
            _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 1, FileOptions.None);
            Path = path;
        }
    }

    /// <summary>The file entries are appended to, or null.</summary>
    public string? Path { get; }

    /// <summary>Why an entry could not be appended to <see cref="Path"/> (the first failure), or null; entries are kept in memory regardless.</summary>
    public string? WriteError { get; private set; }

    /// <summary>Offsets count from <paramref name="originTimestamp"/> from now on (the measured start, after warm-up).</summary>
    public void ResetOrigin(long originTimestamp) => Interlocked.Exchange(ref _origin, originTimestamp);

    /// <summary>Appends an entry of <paramref name="type"/>; <paramref name="details"/> become its further fields (strings, numbers, booleans, null).</summary>
    public JournalEntry Add(string type, string text, params (string Key, object? Value)[] details)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        lock (_lock)
        {
            var at = _time.GetUtcNow();
            var seconds = Math.Round(_time.GetElapsedTime(Interlocked.Read(ref _origin)).TotalSeconds, 3);
            var entry = new JournalEntry(at, seconds, type, text);
            var line = Serialize(entry, details);
            _entries.Add((entry, line));
            Append(line);
            return entry;
        }
    }

    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.Select(e => e.Entry)];
            }
        }
    }

    /// <summary>Closes the file; later entries stay in memory only.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _file?.Dispose();
        }
    }

    /// <summary>The entries of a <c>journal.jsonl</c> file, as the report shows them; a line that does not parse (a write cut short) is skipped.</summary>
    public static IReadOnlyList<JournalEntry> Read(string path)
    {
        var entries = new List<JournalEntry>();
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                entries.Add(new JournalEntry(
                    DateTimeOffset.Parse(root.GetProperty("at").GetString()!, CultureInfo.InvariantCulture),
                    root.GetProperty("t_s").GetDouble(),
                    root.GetProperty("type").GetString()!,
                    root.GetProperty("text").GetString()!));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                // The last line of a journal whose process was killed mid-write.
            }
        }

        return entries;
    }

    /// <summary>The whole journal as <c>journal.jsonl</c>: one object per line, newline-terminated.</summary>
    public string ToJsonLines()
    {
        lock (_lock)
        {
            var text = new StringBuilder();
            foreach (var (_, line) in _entries)
            {
                text.Append(line).Append('\n');
            }

            return text.ToString();
        }
    }

    private void Append(string line)
    {
        if (_file is null || WriteError is not null)
        {
            return;
        }

        try
        {
            _file.Write(Encoding.UTF8.GetBytes(line + "\n"));
            _file.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            WriteError = $"{Path}: {ex.Message}";
        }
    }

    private static string Serialize(JournalEntry entry, (string Key, object? Value)[] details)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("at", entry.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
            json.WriteNumber("t_s", entry.TimeS);
            json.WriteString("type", entry.Type);
            foreach (var (key, value) in details)
            {
                switch (value)
                {
                    case null:
                        json.WriteNull(key);
                        break;
                    case bool b:
                        json.WriteBoolean(key, b);
                        break;
                    case int i:
                        json.WriteNumber(key, i);
                        break;
                    case long l:
                        json.WriteNumber(key, l);
                        break;
                    case double d:
                        json.WriteNumber(key, Math.Round(d, 4));
                        break;
                    default:
                        json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }

            json.WriteString("text", entry.Text);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
