using System.Globalization;

namespace ResilienceLab.Infrastructure.Local;

/// <summary>
/// MessageIds, EventIds and receipt handles for the local backend, from one process-wide counter:
/// unique, cheap, and the same from run to run (no hidden randomness).
/// </summary>
internal static class LocalIdentifiers
{
    private const string IdPrefix = "00000000-0000-4000-8000-";

    private static long lastSequence;

    public static long NextSequence() => Interlocked.Increment(ref lastSequence);

    /// <summary>A GUID-shaped id whose last 12 hex digits are the sequence.</summary>
    public static string FormatId(long sequence) =>
        string.Create(36, sequence, static (span, value) =>
        {
            IdPrefix.AsSpan().CopyTo(span);
            value.TryFormat(span[IdPrefix.Length..], out _, "x12", CultureInfo.InvariantCulture);
        });

    /// <summary>A receipt handle: the message's sequence and its receive count, in hex.</summary>
    public static string FormatReceiptHandle(long sequence, int receiveCount)
    {
        Span<char> buffer = stackalloc char[32];
        sequence.TryFormat(buffer, out var written, "x", CultureInfo.InvariantCulture);
        buffer[written++] = '.';
        receiveCount.TryFormat(buffer[written..], out var countWritten, "x", CultureInfo.InvariantCulture);
        return new string(buffer[..(written + countWritten)]);
    }

    public static bool TryParseReceiptHandle(string? receiptHandle, out long sequence, out int receiveCount)
    {
        sequence = 0;
        receiveCount = 0;
        if (receiptHandle is null)
        {
            return false;
        }

        var span = receiptHandle.AsSpan();
        var dot = span.IndexOf('.');
        return dot > 0
            && long.TryParse(span[..dot], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out sequence)
            && int.TryParse(span[(dot + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out receiveCount)
            && receiveCount > 0;
    }
}
