using System.Globalization;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// JSON numbers as event-ruler compares them: a number takes part in numeric comparison only when its text is exactly a
/// double (the shortest decimal of the nearest double has the same value); others, such as 1e400 or a 20-digit account
/// number, are compared by their text alone.
/// </summary>
internal static class JsonNumberText
{
    /// <summary>The number's value when it is exactly a finite double; -0 counts as 0.</summary>
    public static bool TryGetComparable(string text, out double value)
    {
        value = 0;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
        {
            return false;
        }

        if (Normalize(text) is not { } written
            || Normalize(parsed.ToString("R", CultureInfo.InvariantCulture)) is not { } nearest
            || !SameDecimal(written, nearest))
        {
            return false;
        }

        value = parsed == 0 ? 0 : parsed;
        return true;
    }

    private static bool SameDecimal((bool Negative, string Digits, int Exponent) a, (bool Negative, string Digits, int Exponent) b) =>
        a.Digits.Length == 0
            ? b.Digits.Length == 0
            : a.Negative == b.Negative && a.Exponent == b.Exponent && string.Equals(a.Digits, b.Digits, StringComparison.Ordinal);

    /// <summary>Sign, significant digits and power of ten of a decimal literal (digits empty for zero); null for an absurd exponent.</summary>
    private static (bool Negative, string Digits, int Exponent)? Normalize(string text)
    {
        var negative = text.StartsWith('-');
        var body = text.TrimStart('-', '+');
        var exponent = 0;
        var e = body.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                || Math.Abs(exponent) > 100_000)
            {
                return null;
            }

            body = body[..e];
        }

        var dot = body.IndexOf('.');
        if (dot >= 0)
        {
            exponent -= body.Length - dot - 1;
            body = body.Remove(dot, 1);
        }

        body = body.TrimStart('0');
        var trimmed = body.TrimEnd('0');
        exponent += body.Length - trimmed.Length;
        return (negative, trimmed, trimmed.Length == 0 ? 0 : exponent);
    }
}
