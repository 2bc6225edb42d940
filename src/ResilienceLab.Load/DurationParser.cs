using System.Globalization;

namespace ResilienceLab.Load;

/// <summary>Reads and writes durations the way the command line spells them: <c>500ms</c>, <c>10s</c>, <c>1.5m</c>, <c>2h</c>, <c>1m30s</c>.</summary>
public static class DurationParser
{
    /// <summary>Parses a duration; false (and a reason) when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a duration is required, e.g. 10s, 1m or 500ms";
            return false;
        }

        var span = text.Trim().AsSpan();
        var total = 0d;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            var unitLength = 0;
            while (numberLength + unitLength < span.Length && char.IsAsciiLetter(span[numberLength + unitLength]))
            {
                unitLength++;
            }

            if (numberLength == 0 || unitLength == 0
                || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"{InputText.Quote(text)} is not a duration; use a number and a unit (ms, s, m, h), e.g. 10s, 1m or 500ms";
                return false;
            }

            var unit = span.Slice(numberLength, unitLength).ToString().ToLowerInvariant();
            double? milliseconds = unit switch
            {
                "ms" => number,
                "s" => number * 1_000,
                "m" => number * 60_000,
                "h" => number * 3_600_000,
                _ => null,
            };
            if (milliseconds is null)
            {
                error = $"{InputText.Quote(text)} has an unknown unit {InputText.Quote(unit)}; use ms, s, m or h";
                return false;
            }

            total += milliseconds.Value;
            span = span[(numberLength + unitLength)..];
        }

        if (total > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            error = $"{InputText.Quote(text)} is too long";
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(total * TimeSpan.TicksPerMillisecond));
        return true;
    }

    /// <summary>Parses a duration or throws <see cref="FormatException"/> with the reason.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>The shortest spelling: <c>1m</c>, <c>1.5s</c>, <c>250ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "-" + Format(duration.Negate());
        }

        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        if (duration.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / TimeSpan.TicksPerHour}h");
        }

        if (duration.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / TimeSpan.TicksPerMinute}m");
        }

        return duration >= TimeSpan.FromSeconds(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###}s")
            : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###}ms");
    }
}
