using System.Text.Json;

namespace ResilienceLab.Infrastructure.Local.EventPatterns;

/// <summary>One scalar of the event (a string, number, true, false or null) with its array membership; text, number and address are read on first use.</summary>
internal sealed class EventLeaf
{
    private string? text;
    private bool numberRead;
    private bool isComparable;
    private double number;
    private bool addressRead;
    private byte[]? address;

    public EventLeaf(JsonElement value, ArrayMembership membership)
    {
        Value = value;
        Membership = membership;
    }

    public JsonElement Value { get; }

    public JsonValueKind Kind => Value.ValueKind;

    public ArrayMembership Membership { get; }

    /// <summary>The string's value, or the number as written; null for true, false and null.</summary>
    public string? Text => text ??= Kind switch
    {
        JsonValueKind.String => Value.GetString(),
        JsonValueKind.Number => Value.GetRawText(),
        _ => null,
    };

    /// <summary>Whether the leaf is a number that is exactly a double and so takes part in numeric comparison (see <see cref="JsonNumberText"/>).</summary>
    public bool IsComparable
    {
        get
        {
            ReadNumber();
            return isComparable;
        }
    }

    public double Number
    {
        get
        {
            ReadNumber();
            return number;
        }
    }

    /// <summary>The address bytes when the leaf is a string holding an IP address literal.</summary>
    public byte[]? Address
    {
        get
        {
            if (!addressRead)
            {
                address = Kind == JsonValueKind.String && IpAddressText.TryParse(Text!, out var bytes) ? bytes : null;
                addressRead = true;
            }

            return address;
        }
    }

    private void ReadNumber()
    {
        if (!numberRead)
        {
            isComparable = Kind == JsonValueKind.Number && JsonNumberText.TryGetComparable(Text!, out number);
            numberRead = true;
        }
    }
}
