using System.Globalization;
using System.Text;

namespace ResilienceLab.Tests.Shared;

/// <summary>
/// Reads just enough of OTLP's protobuf messages (opentelemetry-proto: collector/trace/v1 ExportTraceServiceRequest and
/// collector/metrics/v1 ExportMetricsServiceRequest) to check what an exporter sent: span names, ids, kinds, attributes and
/// events, metric names and resource attributes. Field numbers are those of the .proto files; unknown fields are skipped.
/// </summary>
public static class OtlpProtobuf
{
    public static IEnumerable<OtlpSpan> Spans(byte[] exportTraceServiceRequest)
    {
        foreach (var resourceSpans in Messages(exportTraceServiceRequest, 1))
        {
            foreach (var scopeSpans in Messages(resourceSpans, 2))
            {
                var scope = Messages(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? string.Empty;
                foreach (var span in Messages(scopeSpans, 2))
                {
                    yield return new OtlpSpan(
                        scope,
                        Text(span, 5) ?? string.Empty,
                        Hex(span, 1),
                        Hex(span, 2),
                        Hex(span, 4),
                        (int)(Fields(span).Where(f => f.Number == 6).Select(f => f.Varint).FirstOrDefault()),
                        Attributes(span, 9),
                        [.. Messages(span, 11).Select(e => new OtlpSpanEvent(Text(e, 2) ?? string.Empty, Attributes(e, 3)))]);
                }
            }
        }
    }

    public static IEnumerable<string> MetricNames(byte[] exportMetricsServiceRequest) =>
        from resourceMetrics in Messages(exportMetricsServiceRequest, 1)
        from scopeMetrics in Messages(resourceMetrics, 2)
        from metric in Messages(scopeMetrics, 2)
        select Text(metric, 1) ?? string.Empty;

    /// <summary>Resource attributes of each ResourceSpans or ResourceMetrics (field 1 of the request, field 1 of that: the Resource).</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> Resources(byte[] exportRequest) =>
        from resourceItems in Messages(exportRequest, 1)
        from resource in Messages(resourceItems, 1)
        select Attributes(resource, 1);

    // KeyValue { 1 key; 2 AnyValue { 1 string, 2 bool, 3 int64, 4 double } }
    private static IReadOnlyDictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Messages(message, field))
        {
            var value = Messages(pair, 2).FirstOrDefault() is { } any ? AnyValue(any) : string.Empty;
            attributes[Text(pair, 1) ?? string.Empty] = value;
        }

        return attributes;
    }

    private static string AnyValue(byte[] any)
    {
        foreach (var f in Fields(any))
        {
            switch (f.Number)
            {
                case 1: return Encoding.UTF8.GetString(f.Bytes);
                case 2: return f.Varint != 0 ? "true" : "false";
                case 3: return ((long)f.Varint).ToString(CultureInfo.InvariantCulture);
                case 4: return BitConverter.Int64BitsToDouble((long)f.Varint).ToString(CultureInfo.InvariantCulture);
            }
        }

        return string.Empty;
    }

    private static IEnumerable<byte[]> Messages(byte[] message, int field) => Fields(message).Where(f => f.Number == field && f.WireType == 2).Select(f => f.Bytes);

    private static string? Text(byte[] message, int field) => Messages(message, field).Select(b => Encoding.UTF8.GetString(b)).FirstOrDefault();

    private static string Hex(byte[] message, int field) => Messages(message, field).Select(Convert.ToHexStringLower).FirstOrDefault() ?? string.Empty;

    /// <summary>The fields of one message: number, wire type, and the value (varint or fixed as a number, length-delimited as bytes).</summary>
    private static List<(int Number, int WireType, ulong Varint, byte[] Bytes)> Fields(byte[] message)
    {
        var fields = new List<(int, int, ulong, byte[])>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    fields.Add((number, wireType, Varint(message, ref at), []));
                    break;
                case 1:
                    fields.Add((number, wireType, BitConverter.ToUInt64(message, at), []));
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    fields.Add((number, wireType, 0, message[at..(at + length)]));
                    at += length;
                    break;
                case 5:
                    fields.Add((number, wireType, BitConverter.ToUInt32(message, at), []));
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {wireType} at byte {at} is not one OTLP uses");
            }
        }

        return fields;
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
