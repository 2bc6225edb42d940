using System.Globalization;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// A <c>cidr</c> filter: every address from the block's lowest to its highest (the base address may have host bits set,
/// as in 10.0.0.5/24). As event-ruler, the mask is below the address width: /0 to /31 for IPv4, /0 to /127 for IPv6.
/// </summary>
internal sealed class CidrRange
{
    private readonly byte[] lowest;
    private readonly byte[] highest;

    private CidrRange(byte[] lowest, byte[] highest)
    {
        this.lowest = lowest;
        this.highest = highest;
    }

    /// <summary>Parses "address/bits"; <paramref name="problem"/> says why when it is not a block.</summary>
    public static CidrRange? Parse(string text, out string? problem)
    {
        problem = null;
        var slash = text.IndexOf('/');
        if (slash < 0 || slash != text.LastIndexOf('/'))
        {
            problem = $"cidr: '{text}' is not a CIDR block such as 10.0.0.0/24 (one '/' is required)";
            return null;
        }

        if (!IpAddressText.TryParse(text[..slash], out var address))
        {
            problem = $"cidr: '{text[..slash]}' is not an IPv4 or IPv6 address";
            return null;
        }

        var width = address.Length * 8;
        if (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bits) || bits >= width)
        {
            problem = $"cidr: the mask of '{text}' must be a whole number from 0 to {width - 1}";
            return null;
        }

        var lowest = new byte[address.Length];
        var highest = new byte[address.Length];
        for (var i = 0; i < address.Length; i++)
        {
            var fixedBits = Math.Clamp(bits - (i * 8), 0, 8);
            var mask = (byte)(0xFF << (8 - fixedBits));
            lowest[i] = (byte)(address[i] & mask);
            highest[i] = (byte)(address[i] | ~mask);
        }

        return new CidrRange(lowest, highest);
    }

    public bool Contains(byte[] address) =>
        address.Length == lowest.Length
        && address.AsSpan().SequenceCompareTo(lowest) >= 0
        && address.AsSpan().SequenceCompareTo(highest) <= 0;
}
