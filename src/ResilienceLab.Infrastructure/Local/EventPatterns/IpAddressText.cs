using System.Net;
using System.Net.Sockets;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>
/// IP address literals as event-ruler reads them: four dotted decimal parts (no shorthand such as 10.1, no leading zeros)
/// or an IPv6 literal of hex digits and colons; an IPv4-mapped IPv6 address counts as its IPv4 address.
/// </summary>
internal static class IpAddressText
{
    /// <summary>The address bytes (4 or 16) when <paramref name="text"/> is such a literal.</summary>
    public static bool TryParse(string text, out byte[] bytes)
    {
        bytes = [];
        return text.Contains(':') ? TryParseV6(text, out bytes) : TryParseV4(text, out bytes);
    }

    private static bool TryParseV4(string text, out byte[] bytes)
    {
        bytes = new byte[4];
        var part = 0;
        var value = -1;
        var digits = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (value < 0 || part == 3)
                {
                    return false;
                }

                bytes[part++] = (byte)value;
                (value, digits) = (-1, 0);
            }
            else if (char.IsAsciiDigit(c))
            {
                // "010" is octal to some parsers and decimal to others; such a literal is not an address here.
                if (value == 0 || ++digits > 3)
                {
                    return false;
                }

                value = (Math.Max(value, 0) * 10) + (c - '0');
                if (value > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        if (value < 0 || part != 3)
        {
            return false;
        }

        bytes[3] = (byte)value;
        return true;
    }

    private static bool TryParseV6(string text, out byte[] bytes)
    {
        bytes = [];
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c) && c != ':')
            {
                return false;
            }
        }

        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        bytes = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().GetAddressBytes() : address.GetAddressBytes();
        return true;
    }
}
