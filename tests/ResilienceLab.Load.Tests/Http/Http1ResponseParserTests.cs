using System.Text;
using ResilienceLab.Load.Http;

namespace ResilienceLab.Load.Tests.Http;

public class Http1ResponseParserTests
{
    // Response, status code, whether the connection stays open. Framing per RFC 9112 sections 6 and 7 (the chunked
    // example with an extension and a trailer field follows section 7.1's grammar).
    public static TheoryData<string, int, bool> CompleteResponses => new()
    {
        { "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, true },
        { "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 200, true },
        { "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 4\r\n\r\nbusy", 503, true },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", 200, true },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1a; name=value\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nExpires: never\r\n\r\n", 200, true },
        { "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 99\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n", 200, false },
        { "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", 200, false },
        { "HTTP/1.1 200 OK\r\nConnection: Keep-Alive, Close\r\nContent-Length: 2\r\n\r\nok", 200, false },
        { "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, false },
        { "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok", 200, true },
        { "HTTP/1.1 204 No Content\r\n\r\n", 204, true },
        { "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", 304, true },
        { "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx", 200, true },
        { "HTTP/1.1 200 OK\nContent-Length: 1\n\nx", 200, true },
        { "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 200, true },
        { "HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n", 200, true },
        { "HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n", 404, true },
    };

    public static TheoryData<string> InvalidResponses => new()
    {
        "garbage\r\n\r\n",
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/1.1 20x OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
        "HTTP/1.1 200 OK\r\n folded: value\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length : 1\r\n\r\nx",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n",
        "HTTP/1.1 101 Switching Protocols\r\n\r\n",
    };

    [Theory]
    [MemberData(nameof(CompleteResponses))]
    public void Parse_WholeResponse_CompletesWithItsStatusAndKeepAlive(string response, int status, bool keepAlive)
    {
        var sut = new Http1ResponseParser();

        var result = sut.Parse(Encoding.ASCII.GetBytes(response), out var consumed);

        Assert.Equal(Http1ParseStatus.Complete, result);
        Assert.Equal(response.Length, consumed);
        Assert.Equal(status, sut.StatusCode);
        Assert.Equal(keepAlive, sut.KeepAlive);
    }

    [Theory]
    [MemberData(nameof(CompleteResponses))]
    public void Parse_ResponseOneByteAtATime_CompletesOnTheLastByte(string response, int status, bool keepAlive)
    {
        var sut = new Http1ResponseParser();

        var (result, fed) = FeedInPieces(sut, Encoding.ASCII.GetBytes(response), 1);

        Assert.Equal(Http1ParseStatus.Complete, result);
        Assert.Equal(response.Length, fed);
        Assert.Equal(status, sut.StatusCode);
        Assert.Equal(keepAlive, sut.KeepAlive);
    }

    [Theory]
    [MemberData(nameof(InvalidResponses))]
    public void Parse_NotAnHttp1Response_IsInvalid(string response)
    {
        Assert.Equal(Http1ParseStatus.Invalid, new Http1ResponseParser().Parse(Encoding.ASCII.GetBytes(response), out _));
        Assert.Equal(Http1ParseStatus.Invalid, FeedInPieces(new Http1ResponseParser(), Encoding.ASCII.GetBytes(response), 1).Result);
    }

    [Fact]
    public void Parse_BodyUntilClose_NeedsMoreUntilTheEndOfStream()
    {
        var sut = new Http1ResponseParser();

        var result = sut.Parse("HTTP/1.1 200 OK\r\n\r\nsome body"u8, out var consumed);

        Assert.Equal(Http1ParseStatus.NeedMore, result);
        Assert.Equal(28, consumed);
        Assert.True(sut.CompletesAtEndOfStream());
        Assert.False(sut.KeepAlive);
    }

    [Fact]
    public void CompletesAtEndOfStream_LengthNotReached_IsFalse()
    {
        var sut = new Http1ResponseParser();
        sut.Parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"u8, out _);

        Assert.False(sut.CompletesAtEndOfStream());
    }

    [Fact]
    public void Parse_HeaderSectionBeyondTheLimit_IsInvalid()
    {
        var sut = new Http1ResponseParser();
        var response = "HTTP/1.1 200 OK\r\nX-Big: " + new string('a', Http1ResponseParser.MaxHeaderBytes) + "\r\n\r\n";

        Assert.Equal(Http1ParseStatus.Invalid, sut.Parse(Encoding.ASCII.GetBytes(response), out _));
    }

    [Fact]
    public void Parse_UnfinishedLine_ConsumesOnlyWholeLines()
    {
        var sut = new Http1ResponseParser();

        var result = sut.Parse("HTTP/1.1 200 OK\r\nContent-Le"u8, out var consumed);

        Assert.Equal(Http1ParseStatus.NeedMore, result);
        Assert.Equal(17, consumed);
        Assert.True(sut.HasStarted);
    }

    [Fact]
    public void Reset_AfterAResponse_ReadsTheNextOneAfresh()
    {
        var sut = new Http1ResponseParser();
        sut.Parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"u8, out _);

        sut.Reset();
        var result = sut.Parse("HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n"u8, out _);

        Assert.Equal(Http1ParseStatus.Complete, result);
        Assert.Equal(500, sut.StatusCode);
        Assert.True(sut.KeepAlive);
    }

    // Offers the bytes as a socket would deliver them, keeping what was not consumed in front of the next piece.
    private static (Http1ParseStatus Result, int Fed) FeedInPieces(Http1ResponseParser parser, byte[] bytes, int pieceSize)
    {
        var pending = new List<byte>();
        var fed = 0;
        var result = Http1ParseStatus.NeedMore;
        while (fed < bytes.Length && result == Http1ParseStatus.NeedMore)
        {
            var piece = bytes.AsSpan(fed, Math.Min(pieceSize, bytes.Length - fed));
            pending.AddRange(piece.ToArray());
            fed += piece.Length;
            result = parser.Parse(pending.ToArray(), out var consumed);
            pending.RemoveRange(0, consumed);
        }

        return (result, fed);
    }
}
