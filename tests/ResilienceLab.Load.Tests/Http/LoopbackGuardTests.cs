using ResilienceLab.Load.Http;

namespace ResilienceLab.Load.Tests.Http;

public class LoopbackGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/", true)]
    [InlineData("http://127.1.2.3/", true)]
    [InlineData("http://localhost:5000/x", true)]
    [InlineData("http://LOCALHOST/", true)]
    [InlineData("http://[::1]:8080/", true)]
    [InlineData("http://[::ffff:127.0.0.1]/", true)]
    [InlineData("http://128.0.0.1/", false)]
    [InlineData("http://10.0.0.5/", false)]
    [InlineData("http://example.com/", false)]
    [InlineData("http://localhost.example.com/", false)]
    [InlineData("http://[::2]/", false)]
    [InlineData("http://0.0.0.0/", false)]
    public void IsLoopback_Url_IsTrueOnlyForThisMachine(string url, bool expected) =>
        Assert.Equal(expected, LoopbackGuard.IsLoopback(new Uri(url)));
}
