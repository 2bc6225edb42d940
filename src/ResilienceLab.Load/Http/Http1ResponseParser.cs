using System.Text;

namespace ResilienceLab.Load.Http;

/// <summary>
/// Reads one HTTP/1.x response to a GET incrementally, as RFC 9112 frames it: the status line, the header fields that
/// frame the body (Content-Length, Transfer-Encoding, Connection), then the body by length, by chunks (trailers
/// included) or until the server closes. Interim 1xx responses are skipped. The body is counted past, never kept.
/// </summary>
internal sealed class Http1ResponseParser
{
    /// <summary>The most bytes the status line, header fields and trailers of one response may take (HttpClient's default).</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    private const long MaxChunkSize = long.MaxValue / 16;

    private State _state;
    private long _remaining;
    private int _headerBytes;
    private bool _http10;
    private bool _closeToken;
    private bool _keepAliveToken;
    private bool _chunked;
    private bool _otherTransferCoding;
    private bool _untilClose;
    private long _contentLength;

    private enum State
    {
        StatusLine,
        Header,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer,
        UntilClose,
        Done,
    }

    public Http1ResponseParser() => Reset();

    /// <summary>The final response's status code (0 until its status line is read).</summary>
    public int StatusCode { get; private set; }

    /// <summary>True once any byte of the response was consumed: a connection closed before that may be retried.</summary>
    public bool HasStarted { get; private set; }

    /// <summary>True when the connection may carry another request after this response.</summary>
    public bool KeepAlive => !_closeToken && !(_http10 && !_keepAliveToken) && !_untilClose;

    /// <summary>Ready for the next response.</summary>
    public void Reset()
    {
        ResetForResponse();
        HasStarted = false;
    }

    /// <summary>Consumes what it can of <paramref name="data"/>: whole lines of the header section and chunk framing, any part of the body.</summary>
    /// <param name="consumed">Bytes used; the rest (an unfinished line) must be offered again with more bytes after it.</param>
    public Http1ParseStatus Parse(ReadOnlySpan<byte> data, out int consumed)
    {
        consumed = 0;
        if (!data.IsEmpty)
        {
            HasStarted = true;
        }

        while (true)
        {
            var rest = data[consumed..];
            switch (_state)
            {
                case State.Done:
                    return Http1ParseStatus.Complete;

                case State.UntilClose:
                    consumed = data.Length;
                    return Http1ParseStatus.NeedMore;

                case State.Body or State.ChunkData:
                    if (rest.IsEmpty)
                    {
                        return Http1ParseStatus.NeedMore;
                    }

                    var take = (int)Math.Min(rest.Length, _remaining);
                    consumed += take;
                    _remaining -= take;
                    if (_remaining == 0)
                    {
                        _state = _state == State.Body ? State.Done : State.ChunkDataEnd;
                    }

                    continue;

                default:
                    var end = rest.IndexOf((byte)'\n');
                    var countsAsHeader = _state is State.StatusLine or State.Header or State.Trailer;
                    if (end < 0)
                    {
                        return countsAsHeader && _headerBytes + rest.Length > MaxHeaderBytes ? Http1ParseStatus.Invalid : Http1ParseStatus.NeedMore;
                    }

                    if (countsAsHeader && (_headerBytes += end + 1) > MaxHeaderBytes)
                    {
                        return Http1ParseStatus.Invalid;
                    }

                    var line = rest[..end];
                    if (!line.IsEmpty && line[^1] == (byte)'\r')
                    {
                        line = line[..^1];
                    }

                    consumed += end + 1;
                    if (!OnLine(line))
                    {
                        return Http1ParseStatus.Invalid;
                    }

                    continue;
            }
        }
    }

    /// <summary>The server closed the connection: true when that ends the response (a body read until close).</summary>
    public bool CompletesAtEndOfStream()
    {
        if (_state != State.UntilClose)
        {
            return _state == State.Done;
        }

        _state = State.Done;
        return true;
    }

    private void ResetForResponse()
    {
        _state = State.StatusLine;
        _remaining = 0;
        _headerBytes = 0;
        _http10 = false;
        _closeToken = false;
        _keepAliveToken = false;
        _chunked = false;
        _otherTransferCoding = false;
        _untilClose = false;
        _contentLength = -1;
        StatusCode = 0;
    }

    private bool OnLine(ReadOnlySpan<byte> line) => _state switch
    {
        State.StatusLine => OnStatusLine(line),
        State.Header => line.IsEmpty ? OnEndOfHeaders() : OnHeader(line),
        State.ChunkSize => OnChunkSize(line),
        State.ChunkDataEnd => line.IsEmpty && Set(State.ChunkSize),
        _ => !line.IsEmpty || Set(State.Done), // a trailer field, or the empty line that ends them
    };

    private bool Set(State state)
    {
        _state = state;
        return true;
    }

    // HTTP/1.x SP 3DIGIT [SP reason-phrase]
    private bool OnStatusLine(ReadOnlySpan<byte> line)
    {
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || !char.IsAsciiDigit((char)line[7]) || line[8] != (byte)' ')
        {
            return false;
        }

        var code = line.Slice(9, 3);
        if (!char.IsAsciiDigit((char)code[0]) || !char.IsAsciiDigit((char)code[1]) || !char.IsAsciiDigit((char)code[2])
            || (line.Length > 12 && line[12] != (byte)' '))
        {
            return false;
        }

        StatusCode = ((code[0] - '0') * 100) + ((code[1] - '0') * 10) + (code[2] - '0');
        _http10 = line[7] == (byte)'0';
        return StatusCode >= 100 && Set(State.Header);
    }

    private bool OnHeader(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t' || line[colon - 1] is (byte)' ' or (byte)'\t')
        {
            return false;
        }

        var name = line[..colon];
        if (name.Length is not (10 or 14 or 17))
        {
            // Only Connection (10), Content-Length (14) and Transfer-Encoding (17) frame the body; the rest is skipped unread.
            return true;
        }

        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
        {
            if (!TryParseDecimal(value, out var length) || (_contentLength >= 0 && _contentLength != length))
            {
                return false;
            }

            _contentLength = length;
        }
        else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
        {
            // Only a final "chunked" frames the body by chunks; any other coding last means read until close.
            var last = value[(value.LastIndexOf((byte)',') + 1)..].Trim(" \t"u8);
            _chunked = Ascii.EqualsIgnoreCase(last, "chunked"u8);
            _otherTransferCoding = !_chunked;
        }
        else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
        {
            foreach (var range in value.Split((byte)','))
            {
                var token = value[range].Trim(" \t"u8);
                _closeToken |= Ascii.EqualsIgnoreCase(token, "close"u8);
                _keepAliveToken |= Ascii.EqualsIgnoreCase(token, "keep-alive"u8);
            }
        }

        return true;
    }

    private bool OnEndOfHeaders()
    {
        if (StatusCode is >= 100 and < 200)
        {
            // 101 would switch protocols, which a plain GET never asked for; other 1xx precede the final response.
            if (StatusCode == 101)
            {
                return false;
            }

            var headerBytes = _headerBytes;
            ResetForResponse();
            _headerBytes = headerBytes;
            return true;
        }

        if (StatusCode is 204 or 304)
        {
            return Set(State.Done);
        }

        if (_chunked)
        {
            // Both framings at once is how responses get smuggled: read by chunks, then close (RFC 9112 section 6.3).
            _closeToken |= _contentLength >= 0;
            return Set(State.ChunkSize);
        }

        if (_otherTransferCoding || _contentLength < 0)
        {
            _untilClose = true;
            return Set(State.UntilClose);
        }

        _remaining = _contentLength;
        return Set(_remaining == 0 ? State.Done : State.Body);
    }

    // chunk-size [; chunk-ext]
    private bool OnChunkSize(ReadOnlySpan<byte> line)
    {
        var end = line.IndexOfAny(";\t "u8);
        var digits = end < 0 ? line : line[..end];
        if (digits.IsEmpty)
        {
            return false;
        }

        long size = 0;
        foreach (var b in digits)
        {
            var digit = HexValue(b);
            if (digit < 0 || size > MaxChunkSize)
            {
                return false;
            }

            size = (size * 16) + digit;
        }

        _remaining = size;
        return Set(size == 0 ? State.Trailer : State.ChunkData);
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static bool TryParseDecimal(ReadOnlySpan<byte> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 18)
        {
            return false;
        }

        foreach (var b in digits)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
