using System.Net;
using System.Net.Sockets;
using ResilienceLab.Load.Http;

namespace ResilienceLab.Load.Tests.Http;

public class HttpFailureClassifierTests
{
    [Theory]
    [InlineData(200, null)]
    [InlineData(304, null)]
    [InlineData(404, "http_404")]
    [InlineData(503, "http_503")]
    public void ForStatus_Status_NamesFailuresFrom400(int status, string? expected) =>
        Assert.Equal(expected, HttpFailureClassifier.ForStatus((HttpStatusCode)status));

    [Fact]
    public void ForException_ConnectionRefused_IsConnectionRefused() =>
        Assert.Equal("connection_refused", HttpFailureClassifier.ForException(
            new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)), runCancelled: false));

    [Fact]
    public void ForException_CancelledWithoutRunStop_IsTimeout()
    {
        Assert.Equal("timeout", HttpFailureClassifier.ForException(new TaskCanceledException(), runCancelled: false));
        Assert.Equal("cancelled", HttpFailureClassifier.ForException(new TaskCanceledException(), runCancelled: true));
    }

    [Fact]
    public void ForException_ResponseEnded_IsResponseEnded() =>
        Assert.Equal("response_ended", HttpFailureClassifier.ForException(
            new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), runCancelled: false));
}
